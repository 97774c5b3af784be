"""The curl examples against a real debriefd: every HTTP endpoint, as documented."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from debriefd_process import Debriefd, skip_unless, source_dir

EXAMPLES = os.path.join(source_dir(), "client-examples", "curl")
TICKETS = os.path.join(source_dir(), "client-examples", "tickets")
WIDGET_ORIGIN = "https://acme.zendesk.com"


class CurlExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Debriefd(cors_origins=[WIDGET_ORIGIN]).start()

    @classmethod
    def tearDownClass(cls):
        status = cls.server.stop()
        cls.server.close()
        assert status == 0, f"debriefd exited with {status} after SIGTERM"

    def example(self, script, *args):
        return subprocess.run([os.path.join(EXAMPLES, script), *args], env=self.server.client_env(),
                              capture_output=True, text=True, timeout=60)

    def test_debrief_returns_the_debriefing(self):
        result = self.example("debrief.sh", os.path.join(TICKETS, "double-charge.json"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        debriefing = json.loads(result.stdout)["debriefing"]
        self.assertTrue(debriefing["decisionId"])
        self.assertEqual(debriefing["suggestedTags"][0]["value"], "billing/refund/double-charge")

    def test_debrief_prints_the_error_naming_the_field(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as ticket:
            json.dump({"ticketId": "7", "messages": [{"authorRole": "AUTHOR_ROLE_PIRATE"}]}, ticket)
            ticket.flush()
            result = self.example("debrief.sh", ticket.name)
        self.assertEqual(result.returncode, 22)  # curl --fail-with-body on HTTP >= 400
        error = json.loads(result.stdout)["error"]
        self.assertEqual((error["code"], error["status"]), (400, "INVALID_ARGUMENT"))
        self.assertIn("AUTHOR_ROLE_PIRATE", error["message"])

    def test_suggest_then_feedback_is_recorded(self):
        result = self.example("suggest.sh", os.path.join(TICKETS, "sso-lockout.json"), "1")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        suggestion = json.loads(result.stdout)
        self.assertEqual([tag["value"] for tag in suggestion["tags"]], ["account-access/sso"])

        recorded = self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK")
        result = self.example("feedback.sh", suggestion["decisionId"], "accept=account-access/sso",
                              "reject=account-access/locked-out", "add=vip")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(json.loads(result.stdout).get("unknownTags"), ["vip"])
        self.assertEqual(
            self.server.metric("debrief_requests_total", method="RecordFeedback", code="OK"),
            recorded + 1)

    def test_feedback_on_an_unknown_decision_is_not_found(self):
        result = self.example("feedback.sh", "dsg_never_issued", "accept=billing/invoice")
        self.assertEqual(result.returncode, 22)
        self.assertEqual(json.loads(result.stdout)["error"]["status"], "NOT_FOUND")

    def test_probes_show_alive_ready_and_metrics(self):
        self.example("suggest.sh", os.path.join(TICKETS, "sso-lockout.json"))
        result = self.example("probes.sh")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn('GET /healthz: {"status":"alive"}', result.stdout)
        self.assertIn('GET /readyz:  {"status":"ready"}', result.stdout)
        self.assertRegex(result.stdout, r'debrief_requests_total\{[^}]*method="SuggestTags"')

    def test_cors_preflight_allows_only_configured_origins(self):
        allowed = self.example("cors-preflight.sh", WIDGET_ORIGIN)
        self.assertEqual(allowed.returncode, 0, allowed.stderr)
        self.assertIn(f"access-control-allow-origin: {WIDGET_ORIGIN}", allowed.stdout.lower())
        self.assertIn("access-control-allow-headers: content-type", allowed.stdout.lower())

        other = self.example("cors-preflight.sh", "https://evil.example")
        self.assertEqual(other.returncode, 0, other.stderr)
        self.assertNotIn("access-control-allow-origin", other.stdout.lower())


HOOK_PAYLOADS = os.path.join(source_dir(), "tests", "testdata", "hooks")
HOOK_SECRET = "example-secret-for-tests"
STANDARD_WEBHOOKS_SECRET = "whsec_ZXhhbXBsZS1rZXktZm9yLXRlc3Rz"


class HookExamplesTest(unittest.TestCase):
    """hook.sh signs each vendor's sample payload (tests/testdata/hooks/<vendor>/) the way
    that helpdesk does; Debrief accepts it under a source configured with the secret."""

    @classmethod
    def setUpClass(cls):
        cls.vendors = sorted(os.listdir(HOOK_PAYLOADS))
        sources = {vendor: {"secrets": [{"env": "HOOK_WHSEC" if vendor == "generic"
                                         else "HOOK_SECRET"}]} for vendor in cls.vendors}
        cls.server = Debriefd(overrides={"sources": sources},
                              env={"HOOK_SECRET": HOOK_SECRET,
                                   "HOOK_WHSEC": STANDARD_WEBHOOKS_SECRET}).start()

    @classmethod
    def tearDownClass(cls):
        status = cls.server.stop()
        cls.server.close()
        assert status == 0, f"debriefd exited with {status} after SIGTERM"

    def hook(self, vendor, payload, secret=None):
        secret = secret or (STANDARD_WEBHOOKS_SECRET if vendor == "generic" else HOOK_SECRET)
        env = self.server.client_env(DEBRIEF_HOOK_SECRET=secret)
        return subprocess.run([os.path.join(EXAMPLES, "hook.sh"), vendor, payload], env=env,
                              capture_output=True, text=True, timeout=60)

    def test_every_vendor_sample_is_accepted_when_signed_with_the_source_secret(self):
        self.assertGreater(len(self.vendors), 0)
        for vendor in self.vendors:
            for name in sorted(os.listdir(os.path.join(HOOK_PAYLOADS, vendor))):
                with self.subTest(vendor=vendor, payload=name):
                    result = self.hook(vendor, os.path.join(HOOK_PAYLOADS, vendor, name))
                    self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
                    self.assertEqual(json.loads(result.stdout)["status"], "accepted")

    def test_a_wrong_secret_is_refused_for_every_vendor(self):
        for vendor in self.vendors:
            with self.subTest(vendor=vendor):
                payload = os.path.join(HOOK_PAYLOADS, vendor, "close.json")
                wrong = "whsec_d3Jvbmcta2V5" if vendor == "generic" else "wrong-secret"
                result = self.hook(vendor, payload, secret=wrong)
                self.assertEqual(result.returncode, 22, result.stdout + result.stderr)
                self.assertEqual(json.loads(result.stdout)["error"]["status"], "UNAUTHENTICATED")


if __name__ == "__main__":
    skip_unless(shutil.which("curl"), "curl")
    skip_unless(shutil.which("openssl"), "openssl (hook.sh signs payloads with it)")
    unittest.main(verbosity=2)
