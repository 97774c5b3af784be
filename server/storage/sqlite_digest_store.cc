#include "server/storage/sqlite_digest_store.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/status_macros.h"

namespace debrief::storage {
namespace {

constexpr size_t kMaxBindsPerQuery = 500;

// A link back to the ticket: its URL, else "source/tenant/ticket id".
constexpr char kTicketLinkSql[] =
    "COALESCE(NULLIF(json_extract(t.ticket_json, '$.url'), ''), "
    "t.source || '/' || t.source_tenant || '/' || t.ticket_id)";

absl::Status Unavailable(absl::string_view what, const absl::Status& status) {
  return absl::UnavailableError(absl::StrCat(what, ": ", status.message()));
}

}  // namespace

absl::StatusOr<std::vector<FactSeries>> SqliteDigestStore::CountFacts(const FactCountQuery& query) {
  if (query.edges.size() < 2) {
    return absl::InvalidArgumentError("fact count query needs at least two bucket edges");
  }
  const size_t buckets = query.edges.size() - 1;
  std::vector<FactSeries> result;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement count,
        db.Prepare("SELECT key, COUNT(*) FROM digest_facts INDEXED BY digest_facts_by_time "
                   "WHERE kind = ? AND at >= ? AND at < ? "
                   "GROUP BY key"));
    for (const std::string& kind : query.kinds) {
      std::map<std::string, std::vector<int64_t>> by_key;
      for (size_t bucket = 0; bucket < buckets; ++bucket) {
        count.Reset();
        count.Bind(1, kind).Bind(2, absl::ToUnixMicros(query.edges[bucket]))
            .Bind(3, absl::ToUnixMicros(query.edges[bucket + 1]));
        while (true) {
          DEBRIEF_ASSIGN_OR_RETURN(bool row, count.Step());
          if (!row) break;
          std::vector<int64_t>& counts = by_key[count.ColumnText(0)];
          counts.resize(buckets, 0);
          counts[bucket] = count.ColumnInt(1);
        }
      }
      for (auto& [key, counts] : by_key) result.push_back({kind, key, std::move(counts)});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("counting digest facts", status);
  return result;
}

absl::StatusOr<std::map<std::string, KeyReach>> SqliteDigestStore::ReachByKey(absl::string_view kind,
                                                                              absl::Time start,
                                                                              absl::Time end) {
  std::map<std::string, KeyReach> result;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement reach,
        db.Prepare("SELECT f.key, COUNT(*), COALESCE(SUM(a.arr_cents), 0) FROM "
                   "(SELECT DISTINCT key, account_id FROM digest_facts INDEXED BY digest_facts_by_time "
                   " WHERE kind = ? AND at >= ? AND at < ? AND account_id != '') f "
                   "LEFT JOIN accounts a ON a.account_id = f.account_id GROUP BY f.key"));
    reach.Bind(1, kind).Bind(2, absl::ToUnixMicros(start)).Bind(3, absl::ToUnixMicros(end));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, reach.Step());
      if (!row) break;
      result[reach.ColumnText(0)] = {reach.ColumnInt(1), reach.ColumnInt(2)};
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("summing ARR per key", status);
  return result;
}

absl::StatusOr<std::vector<FactDetail>> SqliteDigestStore::DescribeFacts(
    absl::string_view kind, const std::vector<std::string>& keys, absl::Time start, absl::Time end,
    int samples) {
  std::vector<FactDetail> result;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement breakdown,
        db.Prepare("SELECT account_id, detail, COUNT(*) FROM digest_facts "
                   "WHERE kind = ? AND key = ? AND at >= ? AND at < ? GROUP BY account_id, detail"));
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement sample,
        db.Prepare(absl::StrCat("SELECT f.quote, ", kTicketLinkSql,
                                " FROM digest_facts f JOIN tickets t ON t.id = f.ticket_row "
                                "WHERE f.kind = ? AND f.key = ? AND f.at >= ? AND f.at < ? "
                                "ORDER BY f.at DESC, f.ticket_row DESC LIMIT ?")));
    for (const std::string& key : keys) {
      FactDetail detail{.kind = std::string(kind), .key = key};
      std::set<std::string> accounts;
      breakdown.Reset();
      breakdown.Bind(1, kind).Bind(2, key).Bind(3, absl::ToUnixMicros(start))
          .Bind(4, absl::ToUnixMicros(end));
      while (true) {
        DEBRIEF_ASSIGN_OR_RETURN(bool row, breakdown.Step());
        if (!row) break;
        const int64_t tickets = breakdown.ColumnInt(2);
        std::string account = breakdown.ColumnText(0);
        if (!account.empty()) accounts.insert(std::move(account));
        detail.by_detail[breakdown.ColumnText(1)] += tickets;
        detail.tickets += tickets;
      }
      detail.account_ids.assign(accounts.begin(), accounts.end());
      sample.Reset();
      // Rows with empty quotes are read too, for their ticket links.
      sample.Bind(1, kind).Bind(2, key).Bind(3, absl::ToUnixMicros(start))
          .Bind(4, absl::ToUnixMicros(end)).Bind(5, static_cast<int64_t>(samples) * 4);
      std::set<std::string> seen_quotes;
      while (true) {
        DEBRIEF_ASSIGN_OR_RETURN(bool row, sample.Step());
        if (!row) break;
        std::string quote = sample.ColumnText(0);
        if (!quote.empty() && static_cast<int>(detail.quotes.size()) < samples &&
            seen_quotes.insert(quote).second) {
          detail.quotes.push_back(std::move(quote));
        }
        if (static_cast<int>(detail.ticket_urls.size()) < samples) {
          detail.ticket_urls.push_back(sample.ColumnText(1));
        }
      }
      result.push_back(std::move(detail));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("describing digest facts", status);
  return result;
}

absl::StatusOr<std::map<std::string, DigestAccount>> SqliteDigestStore::LoadAccounts(
    const std::vector<std::string>& account_ids) {
  std::map<std::string, DigestAccount> result;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    for (size_t first = 0; first < account_ids.size(); first += kMaxBindsPerQuery) {
      const size_t n = std::min(kMaxBindsPerQuery, account_ids.size() - first);
      std::vector<std::string> marks(n, "?");
      DEBRIEF_ASSIGN_OR_RETURN(
          Statement load,
          db.Prepare(absl::StrCat("SELECT account_id, name, arr_cents, renewal_date, renewal_risk, "
                                  "expansion_score FROM accounts WHERE account_id IN (",
                                  absl::StrJoin(marks, ","), ")")));
      for (size_t i = 0; i < n; ++i) load.Bind(static_cast<int>(i + 1), account_ids[first + i]);
      while (true) {
        DEBRIEF_ASSIGN_OR_RETURN(bool row, load.Step());
        if (!row) break;
        DigestAccount account{load.ColumnText(0), load.ColumnText(1), load.ColumnInt(2),
                              load.ColumnText(3), static_cast<int>(load.ColumnInt(4)),
                              static_cast<int>(load.ColumnInt(5))};
        std::string id = account.account_id;
        result.emplace(std::move(id), std::move(account));
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("loading accounts for a digest", status);
  return result;
}

absl::StatusOr<std::vector<DigestAccount>> SqliteDigestStore::AccountsRenewingBetween(
    absl::string_view first_day, absl::string_view last_day) {
  std::vector<DigestAccount> result;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement load,
        db.Prepare("SELECT account_id, name, arr_cents, renewal_date, renewal_risk, "
                   "expansion_score FROM accounts WHERE renewal_date >= ? AND renewal_date <= ? "
                   "ORDER BY renewal_date, account_id"));
    load.Bind(1, first_day).Bind(2, last_day);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, load.Step());
      if (!row) break;
      result.push_back({load.ColumnText(0), load.ColumnText(1), load.ColumnInt(2),
                        load.ColumnText(3), static_cast<int>(load.ColumnInt(4)),
                        static_cast<int>(load.ColumnInt(5))});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("loading renewing accounts", status);
  return result;
}

absl::StatusOr<std::vector<AccountActivity>> SqliteDigestStore::AccountActivities(absl::Time start,
                                                                                 absl::Time end) {
  std::map<std::string, AccountActivity> by_account;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement closes,
        db.Prepare("SELECT account_id, COUNT(*), SUM(key IN ('escalate', 'urgent')), "
                   "SUM(detail = 'negative'), SUM(value) FROM digest_facts INDEXED BY digest_facts_by_time "
                   "WHERE kind = 'ticket' AND at >= ? AND at < ? AND account_id != '' "
                   "GROUP BY account_id"));
    closes.Bind(1, absl::ToUnixMicros(start)).Bind(2, absl::ToUnixMicros(end));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, closes.Step());
      if (!row) break;
      AccountActivity& activity = by_account[closes.ColumnText(0)];
      activity.tickets = closes.ColumnInt(1);
      activity.escalated = closes.ColumnInt(2);
      activity.negative = closes.ColumnInt(3);
      activity.confidence_change = closes.ColumnDouble(4);
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement timeline,
        db.Prepare("SELECT account_id, summary, renewal_risk_delta, expansion_delta "
                   "FROM account_timeline WHERE at >= ? AND at < ? "
                   "AND (renewal_risk_delta != 0 OR expansion_delta != 0) ORDER BY at DESC, id DESC"));
    timeline.Bind(1, absl::ToUnixMicros(start)).Bind(2, absl::ToUnixMicros(end));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, timeline.Step());
      if (!row) break;
      AccountActivity& activity = by_account[timeline.ColumnText(0)];
      const int64_t risk = timeline.ColumnInt(2);
      const int64_t expansion = timeline.ColumnInt(3);
      activity.renewal_risk_delta += risk;
      activity.expansion_delta += expansion;
      if (risk > 0) activity.risk_reasons.push_back(timeline.ColumnText(1));
      if (expansion > 0) activity.expansion_reasons.push_back(timeline.ColumnText(1));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("reading account activity", status);
  std::vector<AccountActivity> result;
  result.reserve(by_account.size());
  for (auto& [id, activity] : by_account) {
    activity.account_id = id;
    result.push_back(std::move(activity));
  }
  return result;
}

absl::StatusOr<std::vector<EscalatedClose>> SqliteDigestStore::EscalatedCloses(absl::Time start,
                                                                               absl::Time end,
                                                                               int limit) {
  std::vector<EscalatedClose> result;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare(absl::StrCat(
            "SELECT f.account_id, t.ticket_id, ", kTicketLinkSql,
            ", f.key, COALESCE(json_extract(t.debriefing_json, '$.escalation.reasons[0].text'), "
            "json_extract(t.debriefing_json, '$.escalation.reasons[0].rule'), ''), f.at "
            "FROM digest_facts f JOIN tickets t ON t.id = f.ticket_row "
            "WHERE f.kind = 'ticket' AND f.key IN ('escalate', 'urgent') AND f.at >= ? AND f.at < ? "
            "ORDER BY f.at DESC LIMIT ?")));
    query.Bind(1, absl::ToUnixMicros(start)).Bind(2, absl::ToUnixMicros(end))
        .Bind(3, static_cast<int64_t>(limit));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      result.push_back({query.ColumnText(0), query.ColumnText(1), query.ColumnText(2),
                        query.ColumnText(3), query.ColumnText(4),
                        absl::FromUnixMicros(query.ColumnInt(5))});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("reading escalated closes", status);
  return result;
}

absl::StatusOr<bool> SqliteDigestStore::HasDelivery(absl::string_view route,
                                                    absl::string_view audience,
                                                    absl::string_view period) {
  bool found = false;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT 1 FROM digest_deliveries WHERE route = ? AND audience = ? AND period = ?"));
    query.Bind(1, route).Bind(2, audience).Bind(3, period);
    DEBRIEF_ASSIGN_OR_RETURN(found, query.Step());
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("reading digest deliveries", status);
  return found;
}

absl::StatusOr<bool> SqliteDigestStore::RecentSpike(absl::string_view kind, absl::string_view key,
                                                    absl::Time at, absl::Duration cooldown) {
  bool found = false;
  const absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement recent,
        db.Prepare("SELECT 1 FROM spike_alerts WHERE kind = ? AND key = ? AND alerted_at > ? "
                   "AND alerted_at <= ? LIMIT 1"));
    recent.Bind(1, kind).Bind(2, key).Bind(3, absl::ToUnixMicros(at - cooldown))
        .Bind(4, absl::ToUnixMicros(at));
    DEBRIEF_ASSIGN_OR_RETURN(found, recent.Step());
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("reading spike alerts", status);
  return found;
}

absl::StatusOr<bool> SqliteDigestStore::ClaimDelivery(absl::string_view route,
                                                      absl::string_view audience,
                                                      absl::string_view period, absl::Time at) {
  bool claimed = false;
  const absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT OR IGNORE INTO digest_deliveries(route, audience, period, delivered_at) "
                   "VALUES (?, ?, ?, ?)"));
    insert.Bind(1, route).Bind(2, audience).Bind(3, period).Bind(4, absl::ToUnixMicros(at));
    DEBRIEF_RETURN_IF_ERROR(insert.Run());
    claimed = db.changes() == 1;
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("recording a digest delivery", status);
  return claimed;
}

absl::StatusOr<bool> SqliteDigestStore::ClaimSpike(absl::string_view kind, absl::string_view key,
                                                   absl::Time at, absl::Duration cooldown,
                                                   int64_t count, double baseline_mean,
                                                   double baseline_stddev) {
  bool claimed = false;
  const absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement recent,
        db.Prepare("SELECT 1 FROM spike_alerts WHERE kind = ? AND key = ? AND alerted_at > ? "
                   "AND alerted_at <= ? LIMIT 1"));
    recent.Bind(1, kind).Bind(2, key).Bind(3, absl::ToUnixMicros(at - cooldown))
        .Bind(4, absl::ToUnixMicros(at));
    DEBRIEF_ASSIGN_OR_RETURN(bool found, recent.Step());
    if (found) return absl::OkStatus();
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT INTO spike_alerts(kind, key, alerted_at, count, baseline_mean, "
                   "baseline_stddev) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.Bind(1, kind).Bind(2, key).Bind(3, absl::ToUnixMicros(at)).Bind(4, count)
        .Bind(5, baseline_mean).Bind(6, baseline_stddev);
    DEBRIEF_RETURN_IF_ERROR(insert.Run());
    claimed = true;
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("recording a spike alert", status);
  return claimed;
}

}  // namespace debrief::storage
