#include "tests/testing/fake_helpdesk_apis.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tests/testing/wait_until.h"

namespace debrief::testing {
namespace {

void Json(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

nlohmann::json IdValue(const std::string& id) {
  int64_t number = 0;
  return absl::SimpleAtoi(id, &number) ? nlohmann::json(number) : nlohmann::json(id);
}

std::string TextOf(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

FakeHttpServer::~FakeHttpServer() { Stop(); }

std::string FakeHttpServer::base_url() const { return absl::StrCat("http://127.0.0.1:", port_); }

std::vector<std::string> FakeHttpServer::requests() const {
  absl::MutexLock lock(&mu_);
  return requests_;
}

void FakeHttpServer::Hold() {
  absl::MutexLock lock(&mu_);
  held_ = true;
}

void FakeHttpServer::Release() {
  absl::MutexLock lock(&mu_);
  held_ = false;
}

void FakeHttpServer::Start() {
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // A stop() before the loop runs would be lost (and the join would hang): wait for it.
  WaitUntil([this] { return server_.is_running(); }, absl::Seconds(10));
}

void FakeHttpServer::Stop() {
  Release();
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

bool FakeHttpServer::Admit(const httplib::Request& request, httplib::Response& response,
                           const std::string& expected_authorization) {
  absl::MutexLock lock(&mu_);
  requests_.push_back(absl::StrCat(request.method, " ", request.path));
  const auto released = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return !held_; };
  mu_.AwaitWithTimeout(absl::Condition(&released), absl::Seconds(30));
  if (request.get_header_value("Authorization") != expected_authorization) {
    Json(response, 401, {{"error", "Couldn't authenticate you"}});
    return false;
  }
  return true;
}

FakeZendesk::FakeZendesk(std::string user, std::string token)
    : authorization_(absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat(user, ":", token)))) {
  const auto ticket_json = [](const std::string& id, const Ticket& t) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& [field, value] : t.custom_fields) {
      fields.push_back({{"id", IdValue(field)}, {"value", value}});
    }
    return nlohmann::json{
        {"id", IdValue(id)},
        {"subject", t.subject},
        {"description", t.comments.empty() ? "" : t.comments.front().body},
        {"status", t.status},
        {"priority", "normal"},
        {"tags", t.tags},
        {"requester_id", IdValue(t.requester_id)},
        {"custom_fields", fields},
        {"via", {{"channel", "email"}}},
        {"created_at", "2025-01-08T10:12:07Z"},
        {"updated_at", absl::StrCat("2025-01-08T16:45:", 10 + t.version % 50, "Z")}};
  };
  server_.Get(R"(/api/v2/tickets/(\w+)\.json)", [this, ticket_json](const httplib::Request& request,
                                                                     httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = tickets_.find(request.matches[1]);
    if (it == tickets_.end()) return Json(response, 404, {{"error", "RecordNotFound"}});
    Json(response, 200, {{"ticket", ticket_json(it->first, it->second)}});
  });
  server_.Get(R"(/api/v2/tickets/(\w+)/comments\.json)", [this](const httplib::Request& request,
                                                                httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = tickets_.find(request.matches[1]);
    if (it == tickets_.end()) return Json(response, 404, {{"error", "RecordNotFound"}});
    const Ticket& t = it->second;
    int page = 1;
    if (request.has_param("page")) (void)absl::SimpleAtoi(request.get_param_value("page"), &page);
    constexpr size_t kPerPage = 2;
    const size_t begin = std::min(t.comments.size(), (static_cast<size_t>(page) - 1) * kPerPage);
    const size_t end = std::min(t.comments.size(), begin + kPerPage);
    nlohmann::json comments = nlohmann::json::array();
    nlohmann::json users = nlohmann::json::array();
    for (size_t i = begin; i < end; ++i) {
      const Comment& c = t.comments[i];
      comments.push_back({{"id", 1000 + i},
                          {"author_id", IdValue(c.author_id)},
                          {"body", c.body},
                          {"plain_body", c.body},
                          {"public", c.is_public},
                          {"created_at", absl::StrCat("2025-01-08T1", i % 10, ":00:00Z")}});
      const bool requester = c.author_id == t.requester_id;
      users.push_back({{"id", IdValue(c.author_id)},
                       {"role", requester ? "end-user" : "agent"},
                       {"name", requester ? "Dana Requester" : "Sam Agent"},
                       {"email", requester ? "dana@customer.example" : "sam@acme.example"}});
    }
    nlohmann::json answer = {{"comments", comments}, {"count", t.comments.size()}};
    if (request.get_param_value("include") == "users") answer["users"] = users;
    answer["next_page"] =
        end < t.comments.size()
            ? nlohmann::json(absl::StrCat(base_url(), request.path, "?page=", page + 1,
                                          request.has_param("include") ? "&include=users" : ""))
            : nlohmann::json(nullptr);
    Json(response, 200, answer);
  });
  server_.Put(R"(/api/v2/tickets/(\w+)\.json)", [this, ticket_json](const httplib::Request& request,
                                                                     httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = tickets_.find(request.matches[1]);
    if (it == tickets_.end()) return Json(response, 404, {{"error", "RecordNotFound"}});
    Ticket& t = it->second;
    const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("ticket")) {
      return Json(response, 400, {{"error", "RecordInvalid"}});
    }
    const nlohmann::json& update = body["ticket"];
    if (update.value("safe_update", false) &&
        update.value("updated_stamp", "") != ticket_json(it->first, t)["updated_at"]) {
      return Json(response, 409, {{"error", "UpdateConflict"}});
    }
    // Zendesk semantics: `tags` replaces the ticket's tags; additional_/remove_tags edit them.
    if (update.contains("tags")) t.tags = update["tags"].get<std::vector<std::string>>();
    if (update.contains("additional_tags")) {
      for (const auto& tag : update["additional_tags"]) t.tags.push_back(tag.get<std::string>());
    }
    if (update.contains("remove_tags")) {
      for (const auto& tag : update["remove_tags"]) {
        t.tags.erase(std::remove(t.tags.begin(), t.tags.end(), tag.get<std::string>()), t.tags.end());
      }
    }
    if (update.contains("comment")) {
      t.comments.push_back({"900", update["comment"].value("body", ""),
                            update["comment"].value("public", true)});
    }
    if (update.contains("custom_fields")) {
      for (const auto& field : update["custom_fields"]) {
        t.custom_fields[TextOf(field["id"])] = TextOf(field["value"]);
      }
    }
    ++t.version;
    Json(response, 200, {{"ticket", ticket_json(it->first, t)}});
  });
  Start();
}

void FakeZendesk::AddTicket(const std::string& id, Ticket ticket) {
  absl::MutexLock lock(&mu_);
  tickets_[id] = std::move(ticket);
}

FakeZendesk::Ticket FakeZendesk::ticket(const std::string& id) const {
  absl::MutexLock lock(&mu_);
  const auto it = tickets_.find(id);
  return it == tickets_.end() ? Ticket{} : it->second;
}

FakeZammad::FakeZammad(std::string token)
    : authorization_(absl::StrCat("Token token=", token)) {
  server_.Get(R"(/api/v1/tickets/(\d+))", [this](const httplib::Request& request,
                                                 httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = tickets_.find(request.matches[1]);
    if (it == tickets_.end()) return Json(response, 404, {{"error", "Not found"}});
    const Ticket& t = it->second;
    nlohmann::json answer = {{"id", IdValue(it->first)},
                             {"number", absl::StrCat("100", it->first)},
                             {"title", t.title},
                             {"state", t.state},
                             {"priority", "2 normal"},
                             {"group", "Service Desk"},
                             {"created_at", "2025-03-01T08:55:35.282Z"},
                             {"close_at", "2025-03-02T15:20:00.000Z"}};
    for (const auto& [name, value] : t.attributes) answer[name] = value;
    Json(response, 200, answer);
  });
  server_.Get(R"(/api/v1/ticket_articles/by_ticket/(\d+))", [this](const httplib::Request& request,
                                                                   httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = tickets_.find(request.matches[1]);
    if (it == tickets_.end()) return Json(response, 404, {{"error", "Not found"}});
    nlohmann::json articles = nlohmann::json::array();
    for (size_t i = 0; i < it->second.articles.size(); ++i) {
      const Article& a = it->second.articles[i];
      articles.push_back({{"id", 100 + i},
                          {"ticket_id", IdValue(it->first)},
                          {"body", a.body},
                          {"content_type", "text/plain"},
                          {"sender", a.sender},
                          {"internal", a.internal},
                          {"created_at", absl::StrCat("2025-03-0", 1 + i % 9, "T10:00:00.000Z")}});
    }
    Json(response, 200, articles);
  });
  server_.Get("/api/v1/tags", [this](const httplib::Request& request, httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = tickets_.find(request.get_param_value("o_id"));
    if (request.get_param_value("object") != "Ticket" || it == tickets_.end()) {
      return Json(response, 404, {{"error", "Not found"}});
    }
    Json(response, 200, {{"tags", it->second.tags}});
  });
  server_.Post("/api/v1/ticket_articles", [this](const httplib::Request& request,
                                                 httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object()) return Json(response, 422, {{"error", "invalid"}});
    const auto it = tickets_.find(TextOf(body.value("ticket_id", nlohmann::json(""))));
    if (it == tickets_.end()) return Json(response, 422, {{"error", "ticket not found"}});
    it->second.articles.push_back({body.value("body", ""), "Agent", body.value("internal", false)});
    Json(response, 201, {{"id", 500 + it->second.articles.size()}});
  });
  server_.Put(R"(/api/v1/tickets/(\d+))", [this](const httplib::Request& request,
                                                 httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = tickets_.find(request.matches[1]);
    if (it == tickets_.end()) return Json(response, 404, {{"error", "Not found"}});
    const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object()) return Json(response, 422, {{"error", "invalid"}});
    for (const auto& [name, value] : body.items()) it->second.attributes[name] = TextOf(value);
    Json(response, 200, {{"id", IdValue(it->first)}});
  });
  Start();
}

void FakeZammad::AddTicket(const std::string& id, Ticket ticket) {
  absl::MutexLock lock(&mu_);
  tickets_[id] = std::move(ticket);
}

FakeZammad::Ticket FakeZammad::ticket(const std::string& id) const {
  absl::MutexLock lock(&mu_);
  const auto it = tickets_.find(id);
  return it == tickets_.end() ? Ticket{} : it->second;
}

FakeHelpScout::FakeHelpScout(std::string token)
    : authorization_(absl::StrCat("Bearer ", token)) {
  server_.Get(R"(/v2/conversations/(\d+))", [this](const httplib::Request& request,
                                                   httplib::Response& response) {
    if (!Admit(request, response, authorization_)) return;
    absl::MutexLock lock(&mu_);
    const auto it = conversations_.find(request.matches[1]);
    if (it == conversations_.end()) return Json(response, 404, {{"message", "Not found"}});
    Json(response, 200, it->second);
  });
  Start();
}

void FakeHelpScout::AddConversation(const std::string& id, nlohmann::json conversation) {
  absl::MutexLock lock(&mu_);
  conversations_[id] = std::move(conversation);
}

int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace debrief::testing
