#include <algorithm>
#include <map>

#include "generator/validate/validate.hpp"
#include "generator/validate/warning_rules.hpp"

namespace sf::validate {
namespace {

using model::Column;
using model::JobProfile;
using model::Table;

// The spellings job tables use for each role, most common first. River,
// graphile-worker, Oban, Solid Queue and outbox tables between them cover these.
const std::vector<std::pair<const char*, std::vector<const char*>>>& column_spellings() {
  static const std::vector<std::pair<const char*, std::vector<const char*>>> s = {
      {model::job_column::scheduled_at, {"scheduled_at", "run_at", "next_attempt_at", "available_at", "not_before"}},
      {model::job_column::started_at, {"started_at", "claimed_at", "locked_at", "attempted_at"}},
      {model::job_column::finished_at, {"finished_at", "completed_at", "done_at", "ended_at"}},
      {model::job_column::attempts, {"attempts", "attempt", "retries", "retry_count", "attempt_count"}},
      {model::job_column::error, {"last_error", "error", "error_message", "failure_reason", "errors"}},
      {model::job_column::progress, {"progress"}},
      {model::job_column::updated_at, {"updated_at", "modified_at"}},
      {model::job_column::ttl_expires_at, {"ttl_expires_at", "expires_at", "delete_after"}},
      {model::job_column::result, {"result", "output"}},
      {model::job_column::locked_by, {"locked_by", "claimed_by", "worker_id"}},
      {model::job_column::locked_until, {"locked_until", "lease_expires_at", "lease_until"}},
  };
  return s;
}

const std::vector<std::pair<const char*, std::vector<const char*>>>& state_spellings() {
  static const std::vector<std::pair<const char*, std::vector<const char*>>> s = {
      {model::job_state::pending, {"pending", "queued", "available", "new", "scheduled"}},
      {model::job_state::running, {"running", "processing", "in_progress", "executing", "active"}},
      {model::job_state::success, {"done", "completed", "succeeded", "success", "sent", "finished"}},
      {model::job_state::failure, {"failed", "error", "errored", "discarded", "dead"}},
      {model::job_state::cancelled, {"cancelled", "canceled"}},
  };
  return s;
}

const Column* status_column(const Table& t) {
  for (const char* name : {"status", "state"}) {
    const Column* c = t.find_column(name);
    if (c && c->type.kind == model::TypeKind::enumeration) return c;
  }
  return nullptr;
}

bool has_value(const Column& c, const std::string& v) {
  return std::find(c.type.values.begin(), c.type.values.end(), v) != c.type.values.end();
}

void check_declared(const Table& t, const JobProfile& p, model::Diagnostics& diags) {
  const Column* status = t.find_column(p.status_column);
  if (!status) {
    diags.error(t.loc, "job profile of '" + t.name + "' names status column '" + p.status_column + "', which does not exist");
    return;
  }
  for (const char* required : {model::job_state::pending, model::job_state::running, model::job_state::success}) {
    if (!p.states.count(required))
      diags.error(t.loc, "job profile of '" + t.name + "' has no '" + required + "' state; add it under job.states");
  }
  for (const auto& [role, value] : p.states)
    if (status->type.kind == model::TypeKind::enumeration && !has_value(*status, value))
      diags.error(t.loc, "job profile of '" + t.name + "': state " + role + " = '" + value + "' is not a value of " +
                             t.name + "." + status->name);
  for (const auto& [role, col] : p.columns)
    if (!t.find_column(col))
      diags.error(t.loc, "job profile of '" + t.name + "': role " + role + " names column '" + col + "', which does not exist");
}

}  // namespace

// What the runtime cannot guarantee on a job table's columns, said once per
// table: outcomes fenced on the running status alone, no rescue at all, or a
// lease no long job can outlive.
void warn_weak_guarantees(const Table& t, const JobProfile& p, model::Diagnostics& diags) {
  using namespace model::job_column;
  if (p.column(attempts).empty() && p.column(started_at).empty() && p.column(locked_by).empty())
    warn(diags, t, t.loc, "job table '" + t.name + "' has no attempts, started_at or locked_by column: outcomes after a claim "
                          "are fenced on its status alone, so a worker whose job was rescued and claimed again can still "
                          "record one. Add an attempts column to fence each claim", rule::job_unfenced);
  if (p.column(locked_until).empty() && p.column(updated_at).empty() && p.column(started_at).empty())
    warn(diags, t, t.loc, "job table '" + t.name + "' has no locked_until, updated_at or started_at column: a job whose "
                          "worker dies stays running, as nothing tells rescue how old it is. Add one of them", rule::job_unleased);
  else if (p.column(locked_until).empty() && p.column(updated_at).empty())
    warn(diags, t, t.loc, "job table '" + t.name + "' times its lease by started_at alone, which also fences the claim and so "
                          "cannot be renewed: a job running longer than the worker's lease is taken for abandoned and run "
                          "again while it still runs. Add a nullable locked_until timestamp column (or updated_at) so the "
                          "worker can renew the lease of a long job", rule::job_unrenewable);
}

// A table is a job table when its status enum holds a pending and a running
// state (or a YAML `job:` block says so). Roles are found by the spellings
// above; a table that looks like a job table but lacks a role is reported with
// the missing role, so a YAML overlay can name it.
void infer_job_profiles(model::Schema& schema, model::Diagnostics& diags) {
  for (auto& t : schema.tables) {
    if (t.job && t.job->declared) {
      JobProfile& p = *t.job;
      // Fill roles the overlay left out from the usual spellings.
      for (const auto& [role, names] : column_spellings()) {
        if (p.columns.count(role)) continue;
        for (const char* n : names)
          if (t.find_column(n)) {
            p.columns[role] = n;
            break;
          }
      }
      if (const Column* status = t.find_column(p.status_column); status && status->type.kind == model::TypeKind::enumeration)
        for (const auto& [role, names] : state_spellings()) {
          if (p.states.count(role)) continue;
          for (const char* n : names)
            if (has_value(*status, n)) {
              p.states[role] = n;
              break;
            }
        }
      check_declared(t, p, diags);
      warn_weak_guarantees(t, p, diags);
      continue;
    }
    const Column* status = status_column(t);
    if (!status) continue;
    JobProfile p;
    p.status_column = status->name;
    for (const auto& [role, names] : state_spellings())
      for (const char* n : names)
        if (has_value(*status, n)) {
          p.states[role] = n;
          break;
        }
    if (!p.states.count(model::job_state::pending)) continue;  // a status enum, but not a queue
    std::vector<std::string> missing;
    for (const char* required : {model::job_state::running, model::job_state::success, model::job_state::failure})
      if (!p.states.count(required)) missing.push_back(std::string(required) + " state");
    for (const auto& [role, names] : column_spellings())
      for (const char* n : names)
        if (t.find_column(n)) {
          p.columns[role] = n;
          break;
        }
    if (!t.primary_key || t.primary_key->columns.size() != 1) missing.push_back("single-column primary key");
    if (!missing.empty()) {
      std::string what;
      for (const auto& m : missing) what += (what.empty() ? "" : ", ") + m;
      warn(diags, t, t.loc, "'" + t.name + "' looks like a job table (" + status->name + " has 'pending') but has no " + what +
                                "; it is not treated as one. Name the roles in a YAML overlay `job:` block", rule::job_lookalike);
      continue;
    }
    warn_weak_guarantees(t, p, diags);
    t.job = std::move(p);
  }
}

}  // namespace sf::validate
