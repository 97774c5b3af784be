"""The C++ client examples against a real debriefd: synchronous close, callback suggest.

Needs $DEBRIEFD and $DEBRIEF_CLIENT_BIN_DIR (where debrief_close / debrief_suggest are built).
"""

import json
import os
import subprocess
import tempfile
import unittest

from debriefd_process import Debriefd, source_dir

TICKETS = os.path.join(source_dir(), "client-examples", "tickets")
DOUBLE_CHARGE = os.path.join(TICKETS, "double-charge.json")
SSO_LOCKOUT = os.path.join(TICKETS, "sso-lockout.json")


def example(name):
    return os.path.join(os.environ["DEBRIEF_CLIENT_BIN_DIR"], name)


class CppClientsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Debriefd().start()

    @classmethod
    def tearDownClass(cls):
        status = cls.server.stop()
        cls.server.close()
        assert status == 0, f"debriefd exited with {status} after SIGTERM"

    def run_example(self, *args):
        return subprocess.run([example(args[0]), *args[1:]], env=self.server.client_env(),
                              capture_output=True, text=True, timeout=60)

    def test_close_prints_the_recorded_debriefing(self):
        result = self.run_example("debrief_close", DOUBLE_CHARGE)
        self.assertEqual(result.returncode, 0, result.stderr)
        debriefing = json.loads(result.stdout)

        self.assertTrue(debriefing["decisionId"])
        tags = {tag["value"]: tag for tag in debriefing["suggestedTags"]}
        self.assertIn("billing/refund/double-charge", tags)
        top = tags["billing/refund/double-charge"]
        self.assertGreater(top["confidence"], 0.0)
        self.assertIn("charged twice", top["evidence"][0]["quote"].lower())
        # Acme's ARR (120,000 USD) trips the shipped big-account-billing-error rule.
        rules = [reason["rule"] for reason in debriefing["escalation"]["reasons"]]
        self.assertIn("big-account-billing-error", rules)

        again = self.run_example("debrief_close", DOUBLE_CHARGE)
        self.assertEqual(again.returncode, 0, again.stderr)
        replay = json.loads(again.stdout)
        self.assertTrue(replay.get("replayed"))
        self.assertEqual(replay["decisionId"], debriefing["decisionId"])

    def test_close_reports_the_field_of_an_invalid_ticket(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as ticket:
            json.dump({"ticketId": "no-text", "source": "SOURCE_GENERIC"}, ticket)
            ticket.flush()
            result = self.run_example("debrief_close", ticket.name)
        self.assertEqual(result.returncode, 1)
        self.assertIn("code 3", result.stderr)  # INVALID_ARGUMENT
        self.assertIn("messages", result.stderr)

    def test_close_refuses_a_misspelt_field_before_calling(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as ticket:
            json.dump({"ticketId": "1", "subjct": "typo"}, ticket)
            ticket.flush()
            result = self.run_example("debrief_close", ticket.name)
        self.assertEqual(result.returncode, 2)
        self.assertIn("subjct", result.stderr)

    def test_suggest_sends_feedback_from_the_callbacks(self):
        recorded = self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK")
        result = self.run_example("debrief_suggest", "--accept-top", DOUBLE_CHARGE, SSO_LOCKOUT)
        self.assertEqual(result.returncode, 0, result.stderr)

        lines = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertCountEqual([line["ticketId"] for line in lines], ["48213", "48214"])
        by_ticket = {line["ticketId"]: line for line in lines}
        self.assertEqual(by_ticket["48213"]["suggestion"]["tags"][0]["value"],
                         "billing/refund/double-charge")
        for line in lines:
            self.assertTrue(line["suggestion"]["decisionId"].startswith("dsg"))
            self.assertIn("feedback", line)
        self.assertEqual(
            self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK"),
            recorded + 2)

    def test_suggest_without_accept_top_sends_no_feedback(self):
        recorded = self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK")
        result = self.run_example("debrief_suggest", SSO_LOCKOUT)
        self.assertEqual(result.returncode, 0, result.stderr)
        line = json.loads(result.stdout)
        self.assertNotIn("feedback", line)
        self.assertIn("account-access/sso", [tag["value"] for tag in line["suggestion"]["tags"]])
        self.assertEqual(
            self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK"),
            recorded)


if __name__ == "__main__":
    unittest.main(verbosity=2)
