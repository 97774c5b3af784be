#include "server/analysis/redactor.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "re2/re2.h"

namespace debrief::analysis {
namespace {

std::unique_ptr<Redactor> Make(config::RedactionOptions options = {}) {
  auto redactor = Redactor::Create(options);
  EXPECT_TRUE(redactor.ok()) << redactor.status();
  return std::move(*redactor);
}

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

class RedactorCases : public ::testing::TestWithParam<Case> {};

TEST_P(RedactorCases, ReplacesExactlyWhatIsPersonal) {
  auto redactor = Make();
  EXPECT_EQ(redactor->Redact(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, RedactorCases,
    ::testing::Values(
        Case{"email", "Write to ann.lee+billing@example.co.uk today", "Write to [EMAIL] today"},
        Case{"card_spaces", "Card 4111 1111 1111 1111 was charged", "Card [CARD] was charged"},
        Case{"card_dashes", "card: 5500-0000-0000-0004.", "card: [CARD]."},
        Case{"card_plain_amex", "amex 378282246310005 ok", "amex [CARD] ok"},
        Case{"card_glued_to_letters", "ref4111111111111111x", "ref[CARD]x"},
        Case{"card_failing_luhn_stays", "Card 4111 1111 1111 1112 declined",
             "Card 4111 1111 1111 1112 declined"},
        Case{"order_number_not_a_card", "Order 1234567890 shipped", "Order 1234567890 shipped"},
        Case{"short_number_stays", "We have 250 seats and 12 admins", "We have 250 seats and 12 admins"},
        Case{"date_and_version_stay", "Since 2024-03-15 on v12.4.1", "Since 2024-03-15 on v12.4.1"},
        Case{"iban_spaced", "IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [IBAN] please"},
        Case{"iban_compact", "GB82WEST12345698765432", "[IBAN]"},
        Case{"iban_bad_checksum_stays", "DE00 3704 0044 0532 0130 00", "DE00 3704 0044 0532 0130 00"},
        Case{"ipv4", "from 192.168.10.20 blocked", "from [IP] blocked"},
        Case{"ipv6", "host 2001:db8:85a3::8a2e:370:7334 down", "host [IP] down"},
        Case{"phone_international", "Call +44 20 7946 0958 now", "Call [PHONE] now"},
        Case{"phone_international_00_at_both_ends", "0049 30 12345678 or +1 (415) 555-0132",
             "[PHONE] or [PHONE]"},
        Case{"phone_international_longest_form", "+353 (1) 234 5678 9 ext", "[PHONE] ext"},
        Case{"zero_that_starts_no_number", "room 0 and 10 people, order 200 40", "room 0 and 10 people, order 200 40"},
        Case{"phone_us", "at (415) 555-0132 or 415-555-0199", "at [PHONE] or [PHONE]"},
        Case{"phone_by_context", "my mobile is 0176 12345678", "my mobile is [PHONE]"},
        Case{"stripe_key", "key sk_live_51HxYzAbCdEf0123456789", "key [SECRET]"},
        Case{"github_token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[SECRET]"},
        Case{"aws_key", "AKIAIOSFODNN7EXAMPLE leaked", "[SECRET] leaked"},
        Case{"slack_token", "xoxb-123456789012-abcdefghijkl", "[SECRET]"},
        Case{"jwt", "token eyJhbGciOi.eyJzdWIiOiIx.SflKxwRJSM", "token [SECRET]"},
        Case{"password_value", "password: hunter22", "password: [SECRET]"},
        Case{"stated_password", "my password is Winter2024!", "my password is [SECRET]"},
        Case{"password_word_stays", "the password is expired", "the password is expired"},
        Case{"high_entropy", "use 9f8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b", "use [SECRET]"},
        Case{"uuid_stays", "request 123e4567-e89b-12d3-a456-426614174000 failed",
             "request 123e4567-e89b-12d3-a456-426614174000 failed"},
        Case{"long_identifier_stays", "see handle_customer_subscription_renewal_webhook_events",
             "see handle_customer_subscription_renewal_webhook_events"},
        Case{"placeholders_untouched", "[EMAIL] [CARD] [CUSTOM:EMPLOYEE_ID]",
             "[EMAIL] [CARD] [CUSTOM:EMPLOYEE_ID]"}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

TEST(RedactorTest, LuhnAndIbanChecks) {
  EXPECT_TRUE(LuhnValid("4111 1111 1111 1111"));
  EXPECT_FALSE(LuhnValid("4111 1111 1111 1112"));
  EXPECT_TRUE(IbanValid("DE89 3704 0044 0532 0130 00"));
  EXPECT_FALSE(IbanValid("DE89 3704 0044 0532 0130 01"));
  EXPECT_FALSE(IbanValid("DE89"));
}

TEST(RedactorTest, CustomPatternsBecomeNamedPlaceholders) {
  config::RedactionOptions options;
  options.custom.push_back({"EMPLOYEE_ID", "EMP-[0-9]{6}"});
  auto redactor = Make(options);
  EXPECT_EQ(redactor->Redact("badge EMP-123456 lost"), "badge [CUSTOM:EMPLOYEE_ID] lost");
}

TEST(RedactorTest, RejectsInvalidCustomPatternNamingTheField) {
  config::RedactionOptions options;
  options.custom.push_back({"BAD", "(unclosed"});
  auto redactor = Redactor::Create(options);
  ASSERT_FALSE(redactor.ok());
  EXPECT_EQ(redactor.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(redactor.status().message().find("redaction.custom[0].pattern"), std::string::npos);
}

TEST(RedactorTest, DisabledDetectorsLeaveTheirDataAlone) {
  config::RedactionOptions options;
  options.ips = false;
  options.phones = false;
  auto redactor = Make(options);
  EXPECT_EQ(redactor->Redact("ip 10.0.0.1 phone +1 415 555 0132 mail a@b.io"),
            "ip 10.0.0.1 phone +1 415 555 0132 mail [EMAIL]");
}

TEST(RedactorTest, RedactsPartiesNamesEverywhereInTheTicket) {
  auto redactor = Make();
  core::Ticket ticket;
  ticket.subject = "Refund for Maria Gonzalez";
  ticket.requester = {.id = "maria@acme.io", .email = "maria@acme.io", .name = "Maria Gonzalez"};
  ticket.assignee = {.id = "371234567890120", .email = "sam@support.io", .name = "Sam Porter"};
  core::Message message;
  message.author_id = "maria@acme.io";
  message.body_text = "Hi Sam, Maria here. Card 4242 4242 4242 4242, phone +1 415 555 0132.";
  ticket.messages.push_back(message);
  ticket.custom_fields["billing_contact"] = "ap@acme.io";
  ticket.custom_fields["plan"] = "Enterprise";
  ticket.satisfaction = core::Satisfaction{.score = 1, .raw = "good", .comment = "Thanks Sam! mail me at m@x.io"};
  ticket.url = "https://acme.zendesk.com/agent/tickets/1?email=maria@acme.io";

  const core::Ticket out = redactor->RedactTicket(ticket);
  EXPECT_EQ(out.subject, "Refund for [NAME]");
  EXPECT_EQ(out.requester.name, "[NAME]");
  EXPECT_EQ(out.requester.email, "[EMAIL]");
  EXPECT_EQ(out.requester.id, "[EMAIL]");
  EXPECT_EQ(out.assignee.name, "[NAME]");
  EXPECT_EQ(out.assignee.id, "371234567890120");  // a numeric id, not a card
  EXPECT_EQ(out.messages[0].author_id, "[EMAIL]");
  EXPECT_EQ(out.messages[0].body_text, "Hi [NAME], [NAME] here. Card [CARD], phone [PHONE].");
  EXPECT_EQ(out.custom_fields.at("billing_contact"), "[EMAIL]");
  EXPECT_EQ(out.custom_fields.at("plan"), "Enterprise");
  EXPECT_EQ(out.satisfaction->comment, "Thanks [NAME]! mail me at [EMAIL]");
  EXPECT_EQ(out.url.find("maria@"), std::string::npos);
  EXPECT_EQ(out.ticket_id, ticket.ticket_id);
  // Idempotent on whole tickets too.
  const core::Ticket again = redactor->RedactTicket(out);
  EXPECT_EQ(again.messages[0].body_text, out.messages[0].body_text);
  EXPECT_EQ(again.subject, out.subject);
  EXPECT_EQ(again.satisfaction->comment, out.satisfaction->comment);
}

// ---- property test over generated inputs ------------------------------------------------

std::string LuhnComplete(std::string digits) {
  // Appends the check digit that makes `digits` Luhn-valid.
  for (char check = '0'; check <= '9'; ++check) {
    if (LuhnValid(digits + check)) return digits + check;
  }
  return digits;
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) { return items[Int(0, static_cast<int>(items.size()) - 1)]; }

  std::string Digits(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += static_cast<char>('0' + Int(0, 9));
    return out;
  }
  std::string Card() {
    std::string number = LuhnComplete(Digits(Int(12, 18)));
    const int style = Int(0, 2);
    if (style == 0) return number;
    std::string grouped;
    const char separator = style == 1 ? ' ' : '-';
    for (size_t i = 0; i < number.size(); ++i) {
      if (i > 0 && i % 4 == 0) grouped += separator;
      grouped += number[i];
    }
    return grouped;
  }
  std::string Email() {
    static const std::vector<std::string> kLocal = {"ann", "bob.smith", "x_y", "first.last+tag",
                                                    "o'neil", "a1", "support-team", "Z"};
    static const std::vector<std::string> kDomains = {"example.com", "mail.co.uk", "acme-corp.io",
                                                      "sub.domain.org", "x.de"};
    return Pick(kLocal) + Digits(Int(0, 2)) + "@" + Pick(kDomains);
  }
  std::string Filler() {
    static const std::vector<std::string> kWords = {
        "the", "invoice", "order", "#", "ref", "12", "2024-05-01", "v1.2.3", "charged", "(", ")",
        ",", ".", "call", "phone", "id:", "x", "-", "at", "on", "error", "500", "\n", "card", ":"};
    std::string out;
    const int n = Int(0, 4);
    for (int i = 0; i < n; ++i) out += Pick(kWords) + (Int(0, 3) == 0 ? "" : " ");
    return out;
  }

 private:
  std::mt19937 rng_;
};

// Every maximal run of 13-19 digits in `text` (no separators) that is Luhn-valid.
std::vector<std::string> LuhnRuns(const std::string& text) {
  std::vector<std::string> runs;
  size_t i = 0;
  while (i < text.size()) {
    if (!isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && isdigit(static_cast<unsigned char>(text[j]))) ++j;
    const std::string run = text.substr(i, j - i);
    if (run.size() >= 13 && run.size() <= 19 && LuhnValid(run)) runs.push_back(run);
    i = j;
  }
  return runs;
}

TEST(RedactorPropertyTest, NoLuhnValidNumberOrEmailSurvivesAndRedactionIsIdempotent) {
  auto redactor = Make();
  const RE2 email(R"([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)");
  Generator gen(20260525);
  constexpr int kCases = 20000;
  for (int c = 0; c < kCases; ++c) {
    std::string text;
    std::vector<std::string> planted;
    const int parts = gen.Int(1, 6);
    for (int p = 0; p < parts; ++p) {
      text += gen.Filler();
      const int kind = gen.Int(0, 2);
      // A planted number glued to other digits is a different, longer number; keep a
      // non-digit on both sides (letters may touch it).
      auto plant = [&](std::string item) {
        if (!text.empty() && isdigit(static_cast<unsigned char>(text.back()))) text += ' ';
        text += item;
        text += gen.Int(0, 1) == 0 ? " " : "x";
        planted.push_back(std::move(item));
      };
      if (kind == 0) {
        plant(gen.Card());
      } else if (kind == 1) {
        plant(gen.Email());
      } else {
        text += gen.Digits(gen.Int(1, 20));
      }
      text += gen.Filler();
    }
    const std::string once = redactor->Redact(text);
    for (const std::string& secret : planted) {
      ASSERT_EQ(once.find(secret), std::string::npos) << "input: " << text << "\noutput: " << once;
    }
    ASSERT_TRUE(LuhnRuns(once).empty()) << "Luhn-valid run survived in: " << once;
    re2::StringPiece found;
    ASSERT_FALSE(RE2::PartialMatch(once, email, &found)) << "e-mail survived in: " << once;
    ASSERT_EQ(redactor->Redact(once), once) << "not idempotent for input: " << absl::CEscape(text);
  }
}

}  // namespace
}  // namespace debrief::analysis
