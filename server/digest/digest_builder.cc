#include "server/digest/digest_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/common/status_macros.h"
#include "server/digest/spike_detector.h"

namespace debrief::digest {
namespace {

using core::DigestItem;
using core::DigestSection;

// Counts of one kind by key, one per week of the trend (the digest's week last).
using Series = std::map<std::string, std::vector<int64_t>>;

std::map<std::string, Series> ByKind(const std::vector<storage::FactSeries>& series) {
  std::map<std::string, Series> by_kind;
  for (const storage::FactSeries& one : series) by_kind[one.kind][one.key] = one.counts;
  return by_kind;
}

// Sum over keys, per week.
std::vector<int64_t> Totals(const Series& series, size_t weeks) {
  std::vector<int64_t> totals(weeks, 0);
  for (const auto& [key, counts] : series) {
    for (size_t i = 0; i < weeks && i < counts.size(); ++i) totals[i] += counts[i];
  }
  return totals;
}

// An item of `key` with its counts (this week, the week before, the trend).
DigestItem CountedItem(const std::string& key, const std::vector<int64_t>& counts) {
  DigestItem item;
  item.key = key;
  item.title = key;
  item.weekly_counts = counts;
  item.count = counts.empty() ? 0 : counts.back();
  item.previous_count = counts.size() < 2 ? 0 : counts[counts.size() - 2];
  item.figures["change"] = static_cast<double>(item.count - item.previous_count);
  if (item.previous_count > 0) {
    item.figures["change_percent"] =
        100.0 * static_cast<double>(item.count - item.previous_count) /
        static_cast<double>(item.previous_count);
  }
  return item;
}

// Items of every key counted this week.
std::vector<DigestItem> CurrentItems(const Series& series,
                                     const std::map<std::string, storage::KeyReach>& reach) {
  std::vector<DigestItem> items;
  for (const auto& [key, counts] : series) {
    if (counts.empty() || counts.back() == 0) continue;
    DigestItem item = CountedItem(key, counts);
    auto it = reach.find(key);
    if (it != reach.end()) {
      item.accounts = static_cast<int>(it->second.accounts);
      item.arr_cents = it->second.arr_cents;
    }
    items.push_back(std::move(item));
  }
  return items;
}

void Truncate(std::vector<DigestItem>& items, int limit) {
  if (static_cast<int>(items.size()) > limit) items.resize(limit);
}

std::string AccountTitle(const std::string& id,
                         const std::map<std::string, storage::DigestAccount>& accounts) {
  auto it = accounts.find(id);
  if (it == accounts.end() || it->second.name.empty()) return id;
  return absl::StrCat(it->second.name, " (", id, ")");
}

std::string SignedPoints(int64_t points) {
  return points > 0 ? absl::StrCat("+", points) : absl::StrCat(points);
}

}  // namespace

absl::StatusOr<std::unique_ptr<DigestBuilder>> DigestBuilder::Create(
    const config::DigestOptions& options, storage::DigestStore& store, const common::Clock& clock) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(options.time_zone, &zone)) {
    return absl::InvalidArgumentError(
        absl::StrCat("digests.time_zone: unknown time zone \"", options.time_zone, "\""));
  }
  return std::unique_ptr<DigestBuilder>(new DigestBuilder(options, store, clock, zone));
}

absl::StatusOr<core::Digest> DigestBuilder::BuildDigest(core::Team audience,
                                                        absl::string_view period) {
  IsoWeek week;
  if (period.empty()) {
    week = LastCompleteWeek(clock_.Now(), zone_);
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(week, ParseIsoWeek(period, "period"));
  }
  return BuildWeek(audience, week);
}

absl::StatusOr<core::Digest> DigestBuilder::BuildWeek(core::Team audience, const IsoWeek& week) {
  if (audience != core::Team::kProduct && audience != core::Team::kSuccess &&
      audience != core::Team::kSales) {
    return absl::InvalidArgumentError("audience: must be product, success or sales");
  }
  // Week edges of the trend: the baseline weeks, then the digest's week.
  const int weeks = options_.spikes.baseline_weeks + 1;
  std::vector<absl::Time> edges;
  for (int i = -(weeks - 1); i <= 1; ++i) edges.push_back(WeekStart(AddWeeks(week, i), zone_));

  core::Digest digest;
  digest.audience = audience;
  digest.period = FormatIsoWeek(week);
  digest.period_start = edges[edges.size() - 2];
  digest.period_end = edges.back();
  digest.generated_at = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(
      std::vector<storage::FactSeries> tickets,
      store_.CountFacts({.kinds = {"ticket"},
                         .edges = {edges[edges.size() - 3], digest.period_start, digest.period_end}}));
  const std::vector<int64_t> totals = Totals(ByKind(tickets)["ticket"], 2);
  digest.previous_tickets = totals[0];
  digest.tickets = totals[1];

  switch (audience) {
    case core::Team::kProduct:
      DEBRIEF_RETURN_IF_ERROR(AddProductSections(digest, edges));
      break;
    case core::Team::kSuccess:
      DEBRIEF_RETURN_IF_ERROR(AddSuccessSections(digest));
      break;
    default:
      DEBRIEF_RETURN_IF_ERROR(AddSalesSections(digest, edges));
      break;
  }
  return digest;
}

namespace {

// Adds account ids, quotes and ticket links of `kind` to `items`, and per-detail counts as
// figures "<prefix><detail>" when `prefix` is set. Returns the details by key.
absl::StatusOr<std::map<std::string, storage::FactDetail>> Describe(
    storage::DigestStore& store, const config::DigestOptions& options, absl::string_view kind,
    std::vector<DigestItem>& items, absl::Time start, absl::Time end,
    absl::string_view figure_prefix = "") {
  std::vector<std::string> keys;
  for (const DigestItem& item : items) keys.push_back(item.key);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::FactDetail> details,
                           store.DescribeFacts(kind, keys, start, end, options.samples_per_item));
  std::map<std::string, storage::FactDetail> by_key;
  for (size_t i = 0; i < items.size() && i < details.size(); ++i) {
    DigestItem& item = items[i];
    const storage::FactDetail& detail = details[i];
    item.quotes = detail.quotes;
    item.ticket_urls = detail.ticket_urls;
    for (const std::string& id : detail.account_ids) {
      if (static_cast<int>(item.account_ids.size()) >= options.accounts_per_item) break;
      item.account_ids.push_back(id);
    }
    if (!figure_prefix.empty()) {
      for (const auto& [name, count] : detail.by_detail) {
        if (!name.empty()) item.figures[absl::StrCat(figure_prefix, name)] = static_cast<double>(count);
      }
    }
    by_key[detail.key] = detail;
  }
  return by_key;
}

// The spikes of `kinds` this week (the last count of each series against the ones
// before), as a section.
DigestSection SpikeSection(const std::vector<storage::FactSeries>& series,
                           const std::set<std::string>& kinds, const config::DigestOptions& options) {
  std::vector<storage::FactSeries> watched;
  std::set<std::string> configured(options.spikes.kinds.begin(), options.spikes.kinds.end());
  for (const storage::FactSeries& one : series) {
    if (kinds.count(one.kind) > 0 && configured.count(one.kind) > 0) watched.push_back(one);
  }
  DigestSection section{.id = "spikes", .title = "Spikes this week"};
  for (const Spike& spike : DetectSpikes(watched, options.spikes)) {
    DigestItem item;
    for (const storage::FactSeries& one : watched) {
      if (one.kind == spike.kind && one.key == spike.key) item = CountedItem(one.key, one.counts);
    }
    item.key = absl::StrCat(spike.kind, ":", spike.key);
    item.title = absl::StrCat(spike.kind, " ", spike.key);
    item.figures["baseline_mean"] = spike.verdict.mean;
    item.figures["baseline_stddev"] = spike.verdict.stddev;
    item.figures["threshold"] = spike.verdict.threshold;
    item.notes.push_back(absl::StrFormat("%d this week vs %.1f ± %.1f a week before (threshold %.1f)",
                                         spike.count, spike.verdict.mean, spike.verdict.stddev,
                                         spike.verdict.threshold));
    section.items.push_back(std::move(item));
    if (static_cast<int>(section.items.size()) >= options.top_items) break;
  }
  return section;
}

}  // namespace

absl::Status DigestBuilder::AddProductSections(core::Digest& digest,
                                               const std::vector<absl::Time>& edges) {
  const absl::Time start = digest.period_start;
  const absl::Time end = digest.period_end;
  DEBRIEF_ASSIGN_OR_RETURN(
      std::vector<storage::FactSeries> series,
      store_.CountFacts({.kinds = {"tag", "root_cause", "error", "feature", "area"}, .edges = edges}));
  std::map<std::string, Series> by_kind = ByKind(series);

  // Pain points: suggested tags, by tickets and by ARR of the accounts affected.
  DEBRIEF_ASSIGN_OR_RETURN(auto tag_reach, store_.ReachByKey("tag", start, end));
  std::vector<DigestItem> tags = CurrentItems(by_kind["tag"], tag_reach);
  std::vector<DigestItem> by_tickets = tags;
  std::sort(by_tickets.begin(), by_tickets.end(), [](const DigestItem& a, const DigestItem& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.key < b.key;
  });
  Truncate(by_tickets, options_.top_items);
  DEBRIEF_RETURN_IF_ERROR(Describe(store_, options_, "tag", by_tickets, start, end).status());
  std::vector<DigestItem> by_arr = tags;
  std::sort(by_arr.begin(), by_arr.end(), [](const DigestItem& a, const DigestItem& b) {
    if (a.arr_cents != b.arr_cents) return a.arr_cents > b.arr_cents;
    if (a.count != b.count) return a.count > b.count;
    return a.key < b.key;
  });
  Truncate(by_arr, options_.top_items);
  DEBRIEF_RETURN_IF_ERROR(Describe(store_, options_, "tag", by_arr, start, end).status());
  digest.sections.push_back({"pain_points", "Top pain points by tickets", std::move(by_tickets)});
  digest.sections.push_back({"pain_points_by_arr", "Top pain points by ARR affected", std::move(by_arr)});

  // Root-cause mix: each cause's share of the closes that named one.
  DEBRIEF_ASSIGN_OR_RETURN(auto cause_reach, store_.ReachByKey("root_cause", start, end));
  std::vector<DigestItem> causes = CurrentItems(by_kind["root_cause"], cause_reach);
  int64_t attributed = 0;
  for (const DigestItem& item : causes) attributed += item.count;
  for (DigestItem& item : causes) {
    item.figures["share_percent"] =
        attributed == 0 ? 0 : 100.0 * static_cast<double>(item.count) / static_cast<double>(attributed);
  }
  std::sort(causes.begin(), causes.end(), [](const DigestItem& a, const DigestItem& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.key < b.key;
  });
  Truncate(causes, options_.top_items);
  DEBRIEF_RETURN_IF_ERROR(Describe(store_, options_, "root_cause", causes, start, end).status());
  digest.sections.push_back({"root_causes", "Root-cause mix", std::move(causes)});

  // New and rising errors: seen this week and either absent from every baseline week or
  // more frequent than the week before; the biggest rise first.
  DEBRIEF_ASSIGN_OR_RETURN(auto error_reach, store_.ReachByKey("error", start, end));
  std::vector<DigestItem> errors;
  for (DigestItem& item : CurrentItems(by_kind["error"], error_reach)) {
    int64_t before = 0;
    for (size_t i = 0; i + 1 < item.weekly_counts.size(); ++i) before += item.weekly_counts[i];
    const bool is_new = before == 0;
    if (!is_new && item.count <= item.previous_count) continue;
    item.figures["new"] = is_new ? 1 : 0;
    if (is_new) item.notes.push_back("new this week");
    errors.push_back(std::move(item));
  }
  std::sort(errors.begin(), errors.end(), [](const DigestItem& a, const DigestItem& b) {
    const int64_t rise_a = a.count - a.previous_count;
    const int64_t rise_b = b.count - b.previous_count;
    if (rise_a != rise_b) return rise_a > rise_b;
    if (a.count != b.count) return a.count > b.count;
    return a.key < b.key;
  });
  Truncate(errors, options_.top_items);
  DEBRIEF_ASSIGN_OR_RETURN(auto error_details,
                           Describe(store_, options_, "error", errors, start, end));
  for (DigestItem& item : errors) {
    // Title: the most frequent normalized text of the fingerprint.
    const storage::FactDetail& detail = error_details[item.key];
    int64_t best = -1;
    for (const auto& [text, count] : detail.by_detail) {
      if (!text.empty() && count > best) {
        best = count;
        item.title = text;
      }
    }
  }
  digest.sections.push_back({"rising_errors", "New and rising errors", std::move(errors)});

  // Feature requests, by accounts asking, then their ARR.
  DEBRIEF_ASSIGN_OR_RETURN(auto feature_reach, store_.ReachByKey("feature", start, end));
  std::vector<DigestItem> features = CurrentItems(by_kind["feature"], feature_reach);
  std::sort(features.begin(), features.end(), [](const DigestItem& a, const DigestItem& b) {
    if (a.accounts != b.accounts) return a.accounts > b.accounts;
    if (a.arr_cents != b.arr_cents) return a.arr_cents > b.arr_cents;
    if (a.count != b.count) return a.count > b.count;
    return a.key < b.key;
  });
  Truncate(features, options_.top_items);
  DEBRIEF_RETURN_IF_ERROR(
      Describe(store_, options_, "feature", features, start, end, "area.").status());
  digest.sections.push_back({"feature_requests", "Feature requests", std::move(features)});

  if (options_.spikes.enabled) {
    digest.sections.push_back(SpikeSection(series, {"tag", "error", "area"}, options_));
  }
  return absl::OkStatus();
}

absl::Status DigestBuilder::AddSuccessSections(core::Digest& digest) {
  const absl::Time end = digest.period_end;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::AccountActivity> activities,
                           store_.AccountActivities(digest.period_start, end));
  const absl::Time trouble_start = end - options_.open_escalation_window;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::AccountActivity> recent,
                           store_.AccountActivities(trouble_start, end));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::EscalatedClose> escalations,
                           store_.EscalatedCloses(trouble_start, end, options_.top_items));
  const absl::CivilDay first_day = absl::ToCivilDay(end, zone_);
  const absl::CivilDay last_day = first_day + options_.renewal_horizon_days;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::DigestAccount> renewing,
                           store_.AccountsRenewingBetween(absl::FormatCivilTime(first_day),
                                                          absl::FormatCivilTime(last_day)));
  std::vector<std::string> ids;
  for (const auto& activity : activities) ids.push_back(activity.account_id);
  for (const auto& close : escalations) ids.push_back(close.account_id);
  DEBRIEF_ASSIGN_OR_RETURN(auto accounts, store_.LoadAccounts(ids));

  const auto account_item = [&](const std::string& id) {
    DigestItem item;
    item.key = id;
    item.title = AccountTitle(id, accounts);
    item.accounts = 1;
    item.account_ids = {id};
    auto it = accounts.find(id);
    if (it != accounts.end()) {
      item.arr_cents = it->second.arr_cents;
      item.figures["renewal_risk"] = it->second.renewal_risk;
      item.figures["expansion_score"] = it->second.expansion_score;
    }
    return item;
  };
  const auto take_notes = [&](const std::vector<std::string>& reasons, DigestItem& item) {
    for (const std::string& reason : reasons) {
      if (static_cast<int>(item.notes.size()) >= options_.samples_per_item) break;
      item.notes.push_back(reason);
    }
  };

  DigestSection risk{"renewal_risk_rising", "Renewal risk rising", {}};
  DigestSection expansion{"expansion_signals", "Expansion signals", {}};
  DigestSection drops{"confidence_drops", "Biggest confidence drops", {}};
  for (const storage::AccountActivity& activity : activities) {
    if (activity.renewal_risk_delta > 0) {
      DigestItem item = account_item(activity.account_id);
      item.count = activity.tickets;
      item.figures["renewal_risk_delta"] = static_cast<double>(activity.renewal_risk_delta);
      take_notes(activity.risk_reasons, item);
      risk.items.push_back(std::move(item));
    }
    if (activity.expansion_delta > 0) {
      DigestItem item = account_item(activity.account_id);
      item.count = activity.tickets;
      item.figures["expansion_delta"] = static_cast<double>(activity.expansion_delta);
      take_notes(activity.expansion_reasons, item);
      expansion.items.push_back(std::move(item));
    }
    if (activity.confidence_change < 0) {
      DigestItem item = account_item(activity.account_id);
      item.count = activity.tickets;
      item.figures["confidence_change"] = activity.confidence_change;
      item.figures["negative_closes"] = static_cast<double>(activity.negative);
      drops.items.push_back(std::move(item));
    }
  }
  const auto by_figure = [](const char* name, bool descending) {
    return [name, descending](const DigestItem& a, const DigestItem& b) {
      const double fa = a.figures.at(name);
      const double fb = b.figures.at(name);
      if (fa != fb) return descending ? fa > fb : fa < fb;
      if (a.arr_cents != b.arr_cents) return a.arr_cents > b.arr_cents;
      return a.key < b.key;
    };
  };
  std::sort(risk.items.begin(), risk.items.end(), by_figure("renewal_risk_delta", true));
  std::sort(expansion.items.begin(), expansion.items.end(), by_figure("expansion_delta", true));
  std::sort(drops.items.begin(), drops.items.end(), by_figure("confidence_change", false));
  for (DigestSection* section : {&risk, &expansion, &drops}) Truncate(section->items, options_.top_items);
  for (DigestItem& item : risk.items) {
    item.title = absl::StrCat(item.title, " ",
                              SignedPoints(static_cast<int64_t>(item.figures["renewal_risk_delta"])));
  }

  DigestSection open{"open_escalations", "Escalations still open", {}};
  for (const storage::EscalatedClose& close : escalations) {
    DigestItem item = account_item(close.account_id);
    item.key = close.ticket_id;
    item.title = absl::StrCat(AccountTitle(close.account_id, accounts), ": ", close.level);
    item.count = 1;
    if (!close.ticket_url.empty()) item.ticket_urls.push_back(close.ticket_url);
    if (!close.reason.empty()) item.notes.push_back(close.reason);
    item.figures["days_open"] = absl::ToDoubleHours(end - close.at) / 24.0;
    open.items.push_back(std::move(item));
  }

  std::map<std::string, const storage::AccountActivity*> recent_by_account;
  for (const auto& activity : recent) recent_by_account[activity.account_id] = &activity;
  DigestSection renewals{"renewals_at_risk", "Renewals in the next days with support trouble", {}};
  renewals.title = absl::StrCat("Renewals in the next ", options_.renewal_horizon_days,
                                " days with support trouble");
  for (const storage::DigestAccount& account : renewing) {
    auto it = recent_by_account.find(account.account_id);
    if (it == recent_by_account.end()) continue;
    const storage::AccountActivity& activity = *it->second;
    if (activity.escalated == 0 && activity.negative == 0 && activity.renewal_risk_delta <= 0) continue;
    DigestItem item;
    item.key = account.account_id;
    item.title = account.name.empty() ? account.account_id
                                      : absl::StrCat(account.name, " (", account.account_id, ")");
    item.count = activity.tickets;
    item.accounts = 1;
    item.account_ids = {account.account_id};
    item.arr_cents = account.arr_cents;
    item.figures["renewal_risk"] = account.renewal_risk;
    item.figures["escalated_closes"] = static_cast<double>(activity.escalated);
    item.figures["negative_closes"] = static_cast<double>(activity.negative);
    absl::CivilDay renewal;
    if (absl::ParseCivilTime(account.renewal_date, &renewal)) {
      item.figures["days_to_renewal"] = static_cast<double>(renewal - first_day);
    }
    item.notes.push_back(absl::StrCat("renews ", account.renewal_date));
    renewals.items.push_back(std::move(item));
  }
  std::sort(renewals.items.begin(), renewals.items.end(),
            [](const DigestItem& a, const DigestItem& b) {
              if (a.notes[0] != b.notes[0]) return a.notes[0] < b.notes[0];
              return a.key < b.key;
            });
  Truncate(renewals.items, options_.top_items);

  digest.sections.push_back(std::move(risk));
  digest.sections.push_back(std::move(expansion));
  digest.sections.push_back(std::move(drops));
  digest.sections.push_back(std::move(open));
  digest.sections.push_back(std::move(renewals));
  return absl::OkStatus();
}

absl::Status DigestBuilder::AddSalesSections(core::Digest& digest,
                                             const std::vector<absl::Time>& edges) {
  const absl::Time start = digest.period_start;
  const absl::Time end = digest.period_end;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::FactSeries> series,
                           store_.CountFacts({.kinds = {"competitor"}, .edges = edges}));
  DEBRIEF_ASSIGN_OR_RETURN(auto reach, store_.ReachByKey("competitor", start, end));
  std::vector<DigestItem> competitors = CurrentItems(ByKind(series)["competitor"], reach);
  std::sort(competitors.begin(), competitors.end(), [](const DigestItem& a, const DigestItem& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.arr_cents != b.arr_cents) return a.arr_cents > b.arr_cents;
    return a.key < b.key;
  });
  Truncate(competitors, options_.top_items);
  DEBRIEF_RETURN_IF_ERROR(
      Describe(store_, options_, "competitor", competitors, start, end, "context.").status());
  digest.sections.push_back({"competitors", "Competitor mentions", std::move(competitors)});
  if (options_.spikes.enabled) {
    digest.sections.push_back(SpikeSection(series, {"competitor"}, options_));
  }
  return absl::OkStatus();
}

}  // namespace debrief::digest
