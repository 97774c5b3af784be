#include "server/storage/sqlite_account_store.h"

#include <map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "server/common/ids.h"
#include "server/common/status_macros.h"
#include "server/core/json_codec.h"
#include "server/storage/erasure.h"

namespace debrief::storage {
namespace {

constexpr char kAccountColumns[] =
    "name, plan, arr_cents, currency, renewal_date, segment, renewal_risk, expansion_score, "
    "total_tickets, version, updated_at";

// The JSON kept in account_closes.summary_json (ids and time live in their own columns).
std::string SummaryToJson(const core::AccountClose& close) {
  nlohmann::json json;
  json["root_cause"] = close.root_cause;
  json["errors"] = close.error_fingerprints;
  if (close.sentiment_end.has_value()) json["sentiment_end"] = *close.sentiment_end;
  if (close.sentiment_delta.has_value()) json["sentiment_delta"] = *close.sentiment_delta;
  if (close.satisfaction.has_value()) json["satisfaction"] = *close.satisfaction;
  nlohmann::json mentions = nlohmann::json::array();
  for (const core::AccountClose::Mention& mention : close.competitor_mentions) {
    mentions.push_back({{"competitor", mention.competitor},
                        {"context", static_cast<int>(mention.context)}});
  }
  json["competitors"] = std::move(mentions);
  json["feature_requests"] = close.feature_requests;
  nlohmann::json signals = nlohmann::json::array();
  for (const core::AccountClose::SignalWeight& signal : close.signals) {
    signals.push_back({{"kind", signal.kind}, {"weight", signal.weight}});
  }
  json["signals"] = std::move(signals);
  json["escalation"] = static_cast<int>(close.escalation);
  return json.dump();
}

absl::StatusOr<core::AccountClose> SummaryFromRow(const Statement& row) {
  core::AccountClose close;
  close.ticket_id = row.ColumnText(0);
  close.decision_id = row.ColumnText(1);
  close.closed_at = absl::FromUnixMicros(row.ColumnInt(2));
  const nlohmann::json json = nlohmann::json::parse(row.ColumnText(3), nullptr, false);
  if (!json.is_object()) {
    return absl::DataLossError(absl::StrCat("account close ", close.decision_id, ": bad summary"));
  }
  try {
    close.root_cause = json.value("root_cause", "");
    close.error_fingerprints = json.value("errors", std::vector<std::string>());
    if (json.contains("sentiment_end")) close.sentiment_end = json["sentiment_end"].get<double>();
    if (json.contains("sentiment_delta")) {
      close.sentiment_delta = json["sentiment_delta"].get<double>();
    }
    if (json.contains("satisfaction")) close.satisfaction = json["satisfaction"].get<double>();
    for (const nlohmann::json& mention : json.value("competitors", nlohmann::json::array())) {
      close.competitor_mentions.push_back(
          {mention.value("competitor", ""),
           static_cast<core::CompetitorContext>(mention.value("context", 0))});
    }
    close.feature_requests = json.value("feature_requests", 0);
    for (const nlohmann::json& signal : json.value("signals", nlohmann::json::array())) {
      close.signals.push_back({signal.value("kind", ""), signal.value("weight", 0.0)});
    }
    close.escalation = static_cast<core::EscalationLevel>(json.value("escalation", 1));
  } catch (const nlohmann::json::exception& e) {
    return absl::DataLossError(
        absl::StrCat("account close ", close.decision_id, ": bad summary: ", e.what()));
  }
  return close;
}

// The stored account row of `account_id`, read into `state` (left as is when absent).
absl::Status ReadAccountRow(SqliteDb& db, absl::string_view account_id, AccountState& state) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement query,
      db.Prepare(absl::StrCat("SELECT ", kAccountColumns, " FROM accounts WHERE account_id = ?")));
  query.Bind(1, account_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
  state.account.id = std::string(account_id);
  if (!row) return absl::OkStatus();
  state.account.name = query.ColumnText(0);
  state.account.plan = query.ColumnText(1);
  state.account.arr_cents = query.ColumnInt(2);
  state.account.currency = query.ColumnText(3);
  state.account.renewal_date = query.ColumnText(4);
  state.account.segment = query.ColumnText(5);
  state.renewal_risk = static_cast<int>(query.ColumnInt(6));
  state.expansion_score = static_cast<int>(query.ColumnInt(7));
  state.total_tickets = query.ColumnInt(8);
  state.version = query.ColumnInt(9);
  state.updated_at = absl::FromUnixMicros(query.ColumnInt(10));
  return absl::OkStatus();
}

absl::Status InsertTimeline(SqliteDb& db, absl::string_view account_id,
                            const core::TimelineEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO account_timeline(account_id, at, kind, ticket_id, decision_id, "
                 "summary, renewal_risk_delta, expansion_delta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.Bind(1, account_id)
      .Bind(2, absl::ToUnixMicros(entry.at))
      .Bind(3, entry.kind)
      .Bind(4, entry.ticket_id)
      .Bind(5, entry.decision_id)
      .Bind(6, entry.summary)
      .Bind(7, entry.renewal_risk_delta)
      .Bind(8, entry.expansion_delta);
  return insert.Run();
}

// Binds the seven account fields to ?1..?7 (id first).
void BindAccount(Statement& statement, const core::Account& account) {
  statement.Bind(1, account.id)
      .Bind(2, account.name)
      .Bind(3, account.plan)
      .Bind(4, account.arr_cents)
      .Bind(5, account.currency)
      .Bind(6, account.renewal_date)
      .Bind(7, account.segment);
}

// Names of the fields `after` changed relative to `before`.
std::vector<std::string> ChangedFields(const core::Account& before, const core::Account& after) {
  std::vector<std::string> changed;
  if (before.name != after.name) changed.push_back("name");
  if (before.plan != after.plan) changed.push_back("plan");
  if (before.arr_cents != after.arr_cents) changed.push_back("arr");
  if (before.currency != after.currency) changed.push_back("currency");
  if (before.renewal_date != after.renewal_date) changed.push_back("renewal_date");
  if (before.segment != after.segment) changed.push_back("segment");
  return changed;
}

absl::string_view SubjectKind(core::ForgetSubject subject) {
  switch (subject) {
    case core::ForgetSubject::kRequesterEmail: return "requester_email";
    case core::ForgetSubject::kRequesterId: return "requester_id";
    case core::ForgetSubject::kAccount: return "account";
  }
  return "unknown";
}

}  // namespace

absl::Status ApplyAccountUpdate(SqliteDb& db, const AccountUpdate& update) {
  const core::Account& account = update.account;
  const int64_t at = absl::ToUnixMicros(update.close.closed_at);
  const std::string conflict =
      absl::StrCat("account ", account.id, " changed since it was read (version ",
                   update.expected_version, "); decide again");
  if (update.expected_version == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT INTO accounts(account_id, name, plan, arr_cents, currency, renewal_date, "
                   "segment, renewal_risk, expansion_score, total_tickets, version, created_at, "
                   "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1, ?10, ?10)"));
    BindAccount(insert, account);
    insert.Bind(8, update.renewal_risk).Bind(9, update.expansion_score).Bind(10, at);
    absl::Status status = insert.Run();
    if (status.code() == absl::StatusCode::kAlreadyExists) return absl::AbortedError(conflict);
    DEBRIEF_RETURN_IF_ERROR(status);
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement change,
        db.Prepare("UPDATE accounts SET name = ?2, plan = ?3, arr_cents = ?4, currency = ?5, "
                   "renewal_date = ?6, segment = ?7, renewal_risk = ?8, expansion_score = ?9, "
                   "total_tickets = total_tickets + 1, version = version + 1, "
                   "updated_at = MAX(updated_at, ?10) WHERE account_id = ?1 AND version = ?11"));
    BindAccount(change, account);
    change.Bind(8, update.renewal_risk)
        .Bind(9, update.expansion_score)
        .Bind(10, at)
        .Bind(11, update.expected_version);
    DEBRIEF_RETURN_IF_ERROR(change.Run());
    if (db.changes() != 1) return absl::AbortedError(conflict);
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement close,
      db.Prepare("INSERT INTO account_closes(account_id, decision_id, ticket_id, closed_at, "
                 "summary_json) VALUES (?, ?, ?, ?, ?)"));
  close.Bind(1, account.id)
      .Bind(2, update.close.decision_id)
      .Bind(3, update.close.ticket_id)
      .Bind(4, at)
      .Bind(5, SummaryToJson(update.close));
  DEBRIEF_RETURN_IF_ERROR(close.Run());
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement sighting,
      db.Prepare("INSERT INTO error_sightings(fingerprint, account_id, seen_at, decision_id) "
                 "VALUES (?, ?, ?, ?)"));
  for (const std::string& fingerprint : update.close.error_fingerprints) {
    sighting.Reset();
    sighting.Bind(1, fingerprint).Bind(2, account.id).Bind(3, at).Bind(4, update.close.decision_id);
    DEBRIEF_RETURN_IF_ERROR(sighting.Run());
  }
  for (const core::TimelineEntry& entry : update.timeline) {
    DEBRIEF_RETURN_IF_ERROR(InsertTimeline(db, account.id, entry));
  }
  return absl::OkStatus();
}

absl::StatusOr<AccountState> SqliteAccountStore::LoadState(const AccountStateQuery& query) {
  AccountState state;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_RETURN_IF_ERROR(ReadAccountRow(db, query.account_id, state));
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement closes,
        db.Prepare("SELECT ticket_id, decision_id, closed_at, summary_json FROM account_closes "
                   "WHERE account_id = ? AND closed_at > ? AND closed_at <= ? "
                   "ORDER BY closed_at, id"));
    closes.Bind(1, query.account_id)
        .Bind(2, absl::ToUnixMicros(query.as_of - query.lookback))
        .Bind(3, absl::ToUnixMicros(query.as_of));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, closes.Step());
      if (!row) break;
      DEBRIEF_ASSIGN_OR_RETURN(core::AccountClose close, SummaryFromRow(closes));
      state.closes.push_back(std::move(close));
    }
    if (query.error_fingerprints.empty()) return absl::OkStatus();
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement spread,
        db.Prepare("SELECT COUNT(DISTINCT account_id) FROM error_sightings WHERE fingerprint = ? "
                   "AND seen_at > ? AND seen_at <= ? AND account_id != ?"));
    for (const std::string& fingerprint : query.error_fingerprints) {
      spread.Reset();
      spread.Bind(1, fingerprint)
          .Bind(2, absl::ToUnixMicros(query.as_of - query.error_spread_window))
          .Bind(3, absl::ToUnixMicros(query.as_of))
          .Bind(4, query.account_id);
      DEBRIEF_ASSIGN_OR_RETURN(bool row, spread.Step());
      const int others = row ? static_cast<int>(spread.ColumnInt(0)) : 0;
      if (others > 0) state.other_accounts_by_fingerprint[fingerprint] = others;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return state;
}

absl::StatusOr<TimelinePage> SqliteAccountStore::ReadTimeline(
    absl::string_view account_id, int limit, std::optional<std::pair<absl::Time, int64_t>> after) {
  TimelinePage page;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare(absl::StrCat(
            "SELECT id, at, kind, ticket_id, decision_id, summary, renewal_risk_delta, "
            "expansion_delta FROM account_timeline WHERE account_id = ?1 ",
            after.has_value() ? "AND (at < ?2 OR (at = ?2 AND id < ?3)) " : "",
            "ORDER BY at DESC, id DESC LIMIT ?4")));
    query.Bind(1, account_id).Bind(4, limit + 1);
    if (after.has_value()) query.Bind(2, absl::ToUnixMicros(after->first)).Bind(3, after->second);
    int64_t last_id = 0;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      if (static_cast<int>(page.entries.size()) == limit) {
        page.next = std::make_pair(page.entries.back().at, last_id);
        break;
      }
      last_id = query.ColumnInt(0);
      core::TimelineEntry& entry = page.entries.emplace_back();
      entry.at = absl::FromUnixMicros(query.ColumnInt(1));
      entry.kind = query.ColumnText(2);
      entry.ticket_id = query.ColumnText(3);
      entry.decision_id = query.ColumnText(4);
      entry.summary = query.ColumnText(5);
      entry.renewal_risk_delta = static_cast<int>(query.ColumnInt(6));
      entry.expansion_delta = static_cast<int>(query.ColumnInt(7));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<core::UpsertResult> SqliteAccountStore::UpsertAccounts(
    const std::vector<core::Account>& accounts, absl::Time at) {
  core::UpsertResult result;
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    result = {};
    for (const core::Account& incoming : accounts) {
      AccountState stored;
      DEBRIEF_RETURN_IF_ERROR(ReadAccountRow(db, incoming.id, stored));
      const core::Account merged = MergeAccount(stored.account, incoming);
      core::TimelineEntry entry;
      entry.at = at;
      entry.kind = "account_update";
      if (stored.version == 0) {
        DEBRIEF_ASSIGN_OR_RETURN(
            Statement insert,
            db.Prepare("INSERT INTO accounts(account_id, name, plan, arr_cents, currency, "
                       "renewal_date, segment, version, created_at, updated_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)"));
        BindAccount(insert, merged);
        insert.Bind(8, absl::ToUnixMicros(at));
        DEBRIEF_RETURN_IF_ERROR(insert.Run());
        ++result.created;
        entry.summary = "Account created from CRM data";
      } else {
        const std::vector<std::string> changed = ChangedFields(stored.account, merged);
        if (changed.empty()) continue;
        DEBRIEF_ASSIGN_OR_RETURN(
            Statement change,
            db.Prepare("UPDATE accounts SET name = ?2, plan = ?3, arr_cents = ?4, currency = ?5, "
                       "renewal_date = ?6, segment = ?7, version = version + 1, "
                       "updated_at = MAX(updated_at, ?8) WHERE account_id = ?1"));
        BindAccount(change, merged);
        change.Bind(8, absl::ToUnixMicros(at));
        DEBRIEF_RETURN_IF_ERROR(change.Run());
        ++result.updated;
        entry.summary = absl::StrCat("CRM update: ", absl::StrJoin(changed, ", "));
      }
      DEBRIEF_RETURN_IF_ERROR(InsertTimeline(db, merged.id, entry));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat("upserting accounts: ", status.message()));
  }
  return result;
}

absl::StatusOr<core::ForgetResult> SqliteAccountStore::Forget(const ForgetOrder& order) {
  std::string subject_key;
  std::string where;
  switch (order.subject) {
    case core::ForgetSubject::kRequesterEmail:
      subject_key = RequesterEmailKey(order.value);
      where = "requester_email_key = ?1";
      break;
    case core::ForgetSubject::kRequesterId:
      subject_key = RequesterIdKey(order.value);
      where = "requester_id_key = ?1";
      break;
    case core::ForgetSubject::kAccount:
      subject_key = common::Sha256Hex(absl::StrCat("account:", order.value));
      where = "account_id = ?1";
      break;
  }
  const bool whole_account = order.subject == core::ForgetSubject::kAccount;
  // The aggregates of a forgotten account live on under an id nothing links back to it.
  const std::string anonymous_id =
      whole_account ? common::StableId("anon", order.audit_id) : "";
  const std::string lookup = whole_account ? order.value : subject_key;

  core::ForgetResult result;
  result.audit_id = order.audit_id;
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    result.tickets_erased = 0;
    // The ids first: rows are rewritten below, and a SELECT must not walk rows (or the
    // index) being changed under it.
    std::vector<int64_t> ids;
    {
      DEBRIEF_ASSIGN_OR_RETURN(
          Statement matching,
          db.Prepare(absl::StrCat("SELECT id FROM tickets WHERE ", where,
                                  " AND erased_at IS NULL")));
      matching.Bind(1, lookup);
      while (true) {
        DEBRIEF_ASSIGN_OR_RETURN(bool row, matching.Step());
        if (!row) break;
        ids.push_back(matching.ColumnInt(0));
      }
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement read,
        db.Prepare("SELECT account_id, ticket_json, debriefing_json, source, source_tenant, "
                   "ticket_id, decision_id FROM tickets WHERE id = ?"));
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement erase,
        db.Prepare("UPDATE tickets SET ticket_json = ?2, debriefing_json = ?3, account_id = ?4, "
                   "requester_email_key = '', requester_id_key = '', erased_at = ?5 WHERE id = ?1"));
    // The text suggestions for the ticket were scored on (kept for learning from feedback).
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement suggestion_texts,
        db.Prepare("UPDATE decisions SET learning_text = '' WHERE ticket_ref = ? "
                   "AND learning_text != ''"));
    // Insights made from the ticket carry its quotes: their bodies go, and deliveries not
    // yet made (or dead-lettered, hence replayable) are withdrawn.
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement withdraw,
        db.Prepare("UPDATE outbox SET state = 'erased', finished_at = ?2, "
                   "last_error = 'erased by ForgetCustomer' WHERE state IN ('pending', 'dead') "
                   "AND insight_id IN (SELECT insight_id FROM insights WHERE decision_id = ?1)"));
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insight_bodies,
        db.Prepare("UPDATE insights SET body_json = '{\"erased\":true}', account_id = ?2 "
                   "WHERE decision_id = ?1"));
    std::map<std::string, int> erased_by_account;
    for (const int64_t id : ids) {
      read.Reset();
      read.Bind(1, id);
      DEBRIEF_ASSIGN_OR_RETURN(bool row, read.Step());
      if (!row) continue;
      const std::string account_id = read.ColumnText(0);
      const std::string kept_account_id = whole_account ? anonymous_id : account_id;
      absl::StatusOr<core::Ticket> ticket = core::TicketFromJson(read.ColumnText(1));
      absl::StatusOr<core::Debriefing> debriefing = core::DebriefingFromJson(read.ColumnText(2));
      const std::string ticket_ref =
          absl::StrCat(read.ColumnText(3), "|", read.ColumnText(4), "|", read.ColumnText(5));
      const std::string decision_id = read.ColumnText(6);
      // An unreadable record is erased whole rather than left behind.
      const std::string ticket_json =
          ticket.ok() ? core::TicketToJson(ErasedTicket(*ticket, kept_account_id)).dump() : "{}";
      const std::string debriefing_json =
          debriefing.ok() ? core::DebriefingToJson(ErasedDebriefing(*debriefing)).dump() : "{}";
      read.Reset();
      erase.Reset();
      erase.Bind(1, id)
          .Bind(2, ticket_json)
          .Bind(3, debriefing_json)
          .Bind(4, kept_account_id)
          .Bind(5, absl::ToUnixMicros(order.at));
      DEBRIEF_RETURN_IF_ERROR(erase.Run());
      suggestion_texts.Reset();
      suggestion_texts.Bind(1, ticket_ref);
      DEBRIEF_RETURN_IF_ERROR(suggestion_texts.Run());
      withdraw.Reset();
      withdraw.Bind(1, decision_id).Bind(2, absl::ToUnixMicros(order.at));
      DEBRIEF_RETURN_IF_ERROR(withdraw.Run());
      insight_bodies.Reset();
      insight_bodies.Bind(1, decision_id).Bind(2, kept_account_id);
      DEBRIEF_RETURN_IF_ERROR(insight_bodies.Run());
      ++result.tickets_erased;
      ++erased_by_account[account_id];
    }
    bool account_erased = false;
    if (whole_account) {
      DEBRIEF_ASSIGN_OR_RETURN(Statement remove,
                               db.Prepare("DELETE FROM accounts WHERE account_id = ?"));
      remove.Bind(1, order.value);
      DEBRIEF_RETURN_IF_ERROR(remove.Run());
      account_erased = db.changes() > 0;
      for (const char* sql : {"UPDATE account_closes SET account_id = ?2 WHERE account_id = ?1",
                              "UPDATE error_sightings SET account_id = ?2 WHERE account_id = ?1"}) {
        DEBRIEF_ASSIGN_OR_RETURN(Statement rekey, db.Prepare(sql));
        rekey.Bind(1, order.value).Bind(2, anonymous_id);
        DEBRIEF_RETURN_IF_ERROR(rekey.Run());
      }
      DEBRIEF_ASSIGN_OR_RETURN(Statement timeline,
                               db.Prepare("DELETE FROM account_timeline WHERE account_id = ?"));
      timeline.Bind(1, order.value);
      DEBRIEF_RETURN_IF_ERROR(timeline.Run());
    } else {
      for (const auto& [account_id, erased] : erased_by_account) {
        if (account_id.empty()) continue;
        core::TimelineEntry entry;
        entry.at = order.at;
        entry.kind = "forgotten";
        entry.summary = absl::StrCat("Erased the text and personal data of ", erased,
                                     erased == 1 ? " ticket" : " tickets",
                                     " of one requester (audit ", order.audit_id, ")");
        DEBRIEF_RETURN_IF_ERROR(InsertTimeline(db, account_id, entry));
      }
    }
    result.already_forgotten = result.tickets_erased == 0 && !account_erased;
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement audit,
        db.Prepare("INSERT INTO erasures(audit_id, subject_kind, subject_key, reason, "
                   "tickets_erased, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    audit.Bind(1, order.audit_id)
        .Bind(2, SubjectKind(order.subject))
        .Bind(3, subject_key)
        .Bind(4, order.reason)
        .Bind(5, result.tickets_erased)
        .Bind(6, absl::ToUnixMicros(order.at));
    return audit.Run();
  });
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat("erasing: ", status.message()));
  }
  DEBRIEF_RETURN_IF_ERROR(database_.TruncateWal());
  return result;
}

}  // namespace debrief::storage
