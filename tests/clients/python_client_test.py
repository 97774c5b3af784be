"""The Python client example against a real debriefd, with stubs generated at test time
by the example's own generate_stubs.sh (Debian's protoc + grpc_python_plugin).

Needs $DEBRIEFD; runs the example with /usr/bin/python3 (Debian's python3-grpcio).
"""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from debriefd_process import Debriefd, skip_unless, source_dir

PYTHON = "/usr/bin/python3"
EXAMPLE = os.path.join(source_dir(), "client-examples", "python")
TICKETS = os.path.join(source_dir(), "client-examples", "tickets")


class PythonClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stubs = tempfile.mkdtemp(prefix="debrief-pystubs-")
        subprocess.run([os.path.join(EXAMPLE, "generate_stubs.sh"), cls.stubs], check=True)
        cls.server = Debriefd().start()

    @classmethod
    def tearDownClass(cls):
        status = cls.server.stop()
        cls.server.close()
        shutil.rmtree(cls.stubs, ignore_errors=True)
        assert status == 0, f"debriefd exited with {status} after SIGTERM"

    def client(self, *args):
        env = self.server.client_env(PYTHONPATH=self.stubs)
        return subprocess.run([PYTHON, os.path.join(EXAMPLE, "debrief_client.py"), *args],
                              env=env, capture_output=True, text=True, timeout=60)

    def test_close_prints_the_debriefing(self):
        result = self.client("close", os.path.join(TICKETS, "double-charge.json"))
        self.assertEqual(result.returncode, 0, result.stderr)
        debriefing = json.loads(result.stdout)
        self.assertTrue(debriefing["decisionId"])
        self.assertIn("billing/refund/double-charge",
                      [tag["value"] for tag in debriefing["suggestedTags"]])

    def test_suggest_then_feedback_is_recorded(self):
        result = self.client("suggest", os.path.join(TICKETS, "sso-lockout.json"), "--max-tags", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        suggestion = json.loads(result.stdout)
        tags = [tag["value"] for tag in suggestion["tags"]]
        self.assertIn("account-access/sso", tags)
        self.assertLessEqual(len(tags), 2)

        recorded = self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK")
        result = self.client("feedback", suggestion["decisionId"], "--accept", "account-access/sso",
                             "--add", "no-such-tag", "--agent", "agent-7")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["unknownTags"], ["no-such-tag"])
        self.assertEqual(
            self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK"),
            recorded + 1)

    def test_backfill_streams_history_and_skips_what_is_recorded(self):
        tickets = [os.path.join(TICKETS, name) for name in ("double-charge.json", "sso-lockout.json")]
        with tempfile.NamedTemporaryFile("w", suffix=".json") as invalid:
            json.dump({"ticketId": "no-text"}, invalid)
            invalid.flush()
            result = self.client("backfill", *tickets, invalid.name)
            self.assertEqual(result.returncode, 0, result.stderr)
            counts = json.loads(result.stdout)
            self.assertEqual((counts["received"], counts["rejected"]), ("3", "1"))
            self.assertEqual(counts["errors"][0]["ticketId"], "no-text")

        again = json.loads(self.client("backfill", *tickets).stdout)
        self.assertEqual(again["received"], "2")
        self.assertEqual(again["duplicates"], "2")

    def test_feedback_on_an_unknown_decision_reports_not_found(self):
        result = self.client("feedback", "dsg_never_issued", "--accept", "billing/invoice")
        self.assertEqual(result.returncode, 1)
        self.assertIn("NOT_FOUND", result.stderr)


if __name__ == "__main__":
    skip_unless(shutil.which("grpc_python_plugin"), "grpc_python_plugin (protobuf-compiler-grpc)")
    skip_unless(subprocess.run([PYTHON, "-c", "import grpc"]).returncode == 0,
                "Debian's python3-grpcio")
    unittest.main(verbosity=2)
