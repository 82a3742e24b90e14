// Parameters of the cohort retention query: the product's user table and its internal-account
// flag, the event that counts as activity, how many cohort months are reported and how many
// month offsets. The window start (cohorts - 1 months back) and the flawed one are computed.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [users, user, aUser] = k.pick([
      ["users", "user", "a user"],
      ["members", "member", "a member"],
      ["accounts", "account", "an account"],
      ["learners", "learner", "a learner"],
    ]);
    const [internal, internalWords] = k.pick([
      ["is_internal", "internal accounts"],
      ["is_staff", "staff accounts"],
      ["is_test_account", "test accounts"],
    ]);
    const [activity, activityWords] = k.pick([
      ["session_start", "session"],
      ["app_open", "app open"],
      ["login", "login"],
      ["lesson_started", "lesson start"],
    ]);
    const events = k.pick(["events", "app_events", "activity_events"]);
    const cohorts = k.pick([6, 9, 12, 18, 24]);
    const offsets = k.pick([3, 6, 12]);
    return {
      users, user, a_user: aUser, internal, internal_words: internalWords,
      activity, activity_words: activityWords, a_activity: `${/^[aeiou]/.test(activityWords) ? "an" : "a"} ${activityWords}`, events,
      cohorts, back: cohorts - 1, cohorts_plus: cohorts + 1, offsets,
      sessions: k.int(4, 12),
    };
  },
  relations: {
    "the window covers the cohorts, current month included": (p) => p.back + 1 === p.cohorts,
  },
});
