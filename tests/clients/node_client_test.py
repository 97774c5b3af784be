"""The Node.js client example against a real debriefd.

Needs $DEBRIEFD and $DEBRIEF_NODE_MODULES (the example's packages, installed by the
clients.npm_ci fixture from client-examples/node/package-lock.json).
"""

import json
import os
import shutil
import subprocess
import unittest

from debriefd_process import Debriefd, skip_unless, source_dir

EXAMPLE = os.path.join(source_dir(), "client-examples", "node", "debrief_client.js")
TICKETS = os.path.join(source_dir(), "client-examples", "tickets")


class NodeClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Debriefd().start()

    @classmethod
    def tearDownClass(cls):
        status = cls.server.stop()
        cls.server.close()
        assert status == 0, f"debriefd exited with {status} after SIGTERM"

    def client(self, *args):
        # The example resolves its packages through NODE_PATH, so they stay out of the source tree.
        env = self.server.client_env(NODE_PATH=os.environ["DEBRIEF_NODE_MODULES"])
        return subprocess.run(["node", EXAMPLE, *args], env=env, capture_output=True, text=True,
                              timeout=60)

    def test_close_sends_timestamps_and_prints_the_debriefing(self):
        result = self.client("close", os.path.join(TICKETS, "double-charge.json"))
        self.assertEqual(result.returncode, 0, result.stderr)
        debriefing = json.loads(result.stdout)
        self.assertTrue(debriefing["decisionId"])
        self.assertIn("billing/refund/double-charge",
                      [tag["value"] for tag in debriefing["suggestedTags"]])
        self.assertEqual(debriefing["escalation"]["level"], "ESCALATION_LEVEL_ESCALATE")

    def test_suggest_then_feedback_is_recorded(self):
        result = self.client("suggest", os.path.join(TICKETS, "sso-lockout.json"))
        self.assertEqual(result.returncode, 0, result.stderr)
        suggestion = json.loads(result.stdout)
        self.assertEqual(suggestion["tags"][0]["value"], "account-access/sso")
        self.assertGreater(suggestion["tags"][0]["confidence"], 0.5)

        recorded = self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK")
        result = self.client("feedback", suggestion["decisionId"], "--accept", "account-access/sso",
                             "--reject", "account-access/locked-out")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK"),
            recorded + 1)

    def test_an_invalid_request_reports_the_status_and_field(self):
        result = self.client("feedback", "")
        self.assertEqual(result.returncode, 1)
        self.assertIn("INVALID_ARGUMENT", result.stderr)
        self.assertIn("decision_id", result.stderr)


if __name__ == "__main__":
    skip_unless(shutil.which("node"), "node (scripts/install-deps.sh installs nodejs)")
    unittest.main(verbosity=2)
