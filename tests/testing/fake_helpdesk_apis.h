// Local stand-ins for the helpdesk REST APIs Debrief calls (enrichment and write-back),
// each a cpp-httplib server on 127.0.0.1 with a free port, implementing the endpoints Debrief
// uses with the vendor's semantics — including the traps: Zendesk's PUT with `tags`
// replaces every tag on the ticket.
//
//   FakeZendesk zendesk("api-token");
//   zendesk.AddTicket("5158", {.subject = "Charged twice", .tags = {"vip"}});
//   ... sources.zendesk.api.base_url = zendesk.base_url()
//   EXPECT_THAT(zendesk.ticket("5158").tags, ElementsAre("vip"));
#ifndef DEBRIEF_TESTS_TESTING_FAKE_HELPDESK_APIS_H_
#define DEBRIEF_TESTS_TESTING_FAKE_HELPDESK_APIS_H_

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "httplib.h"
#include "nlohmann/json.hpp"

namespace debrief::testing {

// A local HTTP server on its own thread. Thread-safe.
class FakeHttpServer {
 public:
  virtual ~FakeHttpServer();
  int port() const { return port_; }
  std::string base_url() const;
  // "METHOD /path" of every request received, in order.
  std::vector<std::string> requests() const;
  // While held, requests are not answered (for at most 30 s): the caller times out.
  void Hold();
  void Release();
  // Stops listening; later calls are refused.
  void Stop();

 protected:
  FakeHttpServer() = default;
  // Binds and starts serving; call at the end of the subclass constructor.
  void Start();
  // Records the request and waits while held; false when the caller's credentials are not
  // `expected_authorization` (then `response` is a 401).
  bool Admit(const httplib::Request& request, httplib::Response& response,
             const std::string& expected_authorization);

  httplib::Server server_;
  mutable absl::Mutex mu_;

 private:
  std::thread thread_;
  int port_ = 0;
  bool held_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::string> requests_ ABSL_GUARDED_BY(mu_);
};

// Zendesk Support API: tickets, comments (two per page, with side-loaded users), updates.
class FakeZendesk final : public FakeHttpServer {
 public:
  struct Comment {
    std::string author_id = "";
    std::string body = "";
    bool is_public = true;
  };
  struct Ticket {
    std::string subject = "";
    std::string status = "solved";
    std::string requester_id = "100";
    std::vector<std::string> tags = {};
    std::map<std::string, std::string> custom_fields = {};
    std::vector<Comment> comments = {};
    int version = 1;
  };
  // Accepts basic auth "<user>:<token>".
  FakeZendesk(std::string user, std::string token);
  void AddTicket(const std::string& id, Ticket ticket);
  Ticket ticket(const std::string& id) const;

 private:
  std::string authorization_;
  std::map<std::string, Ticket> tickets_ ABSL_GUARDED_BY(mu_);
};

// Zammad REST API: tickets (attributes), articles, tags.
class FakeZammad final : public FakeHttpServer {
 public:
  struct Article {
    std::string body = "";
    std::string sender = "Customer";
    bool internal = false;
  };
  struct Ticket {
    std::string title = "";
    std::string state = "closed";
    std::vector<std::string> tags = {};
    std::map<std::string, std::string> attributes = {};
    std::vector<Article> articles = {};
  };
  // Accepts "Authorization: Token token=<token>".
  explicit FakeZammad(std::string token);
  void AddTicket(const std::string& id, Ticket ticket);
  Ticket ticket(const std::string& id) const;

 private:
  std::string authorization_;
  std::map<std::string, Ticket> tickets_ ABSL_GUARDED_BY(mu_);
};

// Help Scout Mailbox API 2.0: conversations with embedded threads.
class FakeHelpScout final : public FakeHttpServer {
 public:
  // Accepts "Authorization: Bearer <token>".
  explicit FakeHelpScout(std::string token);
  // `conversation` is the v2 Conversation object served for its id.
  void AddConversation(const std::string& id, nlohmann::json conversation);

 private:
  std::string authorization_;
  std::map<std::string, nlohmann::json> conversations_ ABSL_GUARDED_BY(mu_);
};

// A port on 127.0.0.1 where nothing listens (a helpdesk API that is down).
int ClosedPort();

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_FAKE_HELPDESK_APIS_H_
