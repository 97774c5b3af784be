{{/*
The Debrief container and what its pod needs. The chart's own StatefulSet and Deployment
use them through "debrief.podTemplate"; in sidecar mode a parent chart includes them in
the helpdesk's pod, passing the subchart's context:

  metadata:
    annotations:
      {{- include "debrief.podAnnotations" .Subcharts.debrief | nindent 8 }}
  spec:
    containers:
      - name: zammad
        ...
      {{- include "debrief.container" .Subcharts.debrief | nindent 6 }}
    volumes:
      {{- include "debrief.volumes" .Subcharts.debrief | nindent 6 }}
*/}}

{{/* Rolls the pods when the rendered config (or the chart-made Secret) changes. */}}
{{- define "debrief.podAnnotations" -}}
checksum/config: {{ include "debrief.config" . | sha256sum }}
{{- if .Values.secret.create }}
checksum/secret: {{ toJson .Values.secret.stringData | sha256sum }}
{{- end }}
{{- end -}}

{{/* One item of a pod's `containers` list. */}}
{{- define "debrief.container" -}}
- name: debrief
  image: {{ include "debrief.image" . | quote }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  args: [serve, --config, /etc/debrief/debrief.yaml]
  ports:
    - name: grpc
      containerPort: {{ .Values.ports.grpc }}
      protocol: TCP
    - name: http
      containerPort: {{ .Values.ports.http }}
      protocol: TCP
  env:
    # SQLite puts its temporary files here; the root filesystem is read-only.
    - name: TMPDIR
      value: /tmp
    {{- with .Values.env }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- if or .Values.envFrom .Values.secret.create }}
  envFrom:
    {{- with .Values.envFrom }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- if .Values.secret.create }}
    - secretRef:
        name: {{ include "debrief.fullname" . }}
    {{- end }}
  {{- end }}
  {{- with .Values.probes }}
  startupProbe:
    grpc: {port: {{ $.Values.ports.grpc }}}
    {{- toYaml .startup | nindent 4 }}
  livenessProbe:
    grpc: {port: {{ $.Values.ports.grpc }}}
    {{- toYaml .liveness | nindent 4 }}
  readinessProbe:
    grpc: {port: {{ $.Values.ports.grpc }}}
    {{- toYaml .readiness | nindent 4 }}
  {{- end }}
  resources:
    {{- toYaml .Values.resources | nindent 4 }}
  securityContext:
    {{- toYaml .Values.securityContext | nindent 4 }}
  volumeMounts:
    - name: debrief-config
      mountPath: /etc/debrief
      readOnly: true
    - name: debrief-data
      mountPath: /var/lib/debrief
    - name: debrief-tmp
      mountPath: /tmp
    {{- range $i, $secret := .Values.secretFiles }}
    - name: debrief-secret-{{ $i }}
      mountPath: {{ $secret.mountPath }}
      readOnly: true
    {{- end }}
{{- end -}}

{{/*
Items of a pod's `volumes` list. The data volume is left out when a StatefulSet claims it
through volumeClaimTemplates.
*/}}
{{- define "debrief.volumes" -}}
- name: debrief-config
  configMap:
    name: {{ include "debrief.fullname" . }}
- name: debrief-tmp
  emptyDir: {}
{{- if .Values.persistence.existingClaim }}
- name: debrief-data
  persistentVolumeClaim:
    claimName: {{ .Values.persistence.existingClaim }}
{{- else if not (include "debrief.claimsData" .) }}
- name: debrief-data
  emptyDir: {}
{{- end }}
{{- range $i, $secret := .Values.secretFiles }}
- name: debrief-secret-{{ $i }}
  secret:
    secretName: {{ $secret.secretName }}
{{- end }}
{{- end -}}

{{/* "true" when the chart's StatefulSet creates the data claim (else empty). */}}
{{- define "debrief.claimsData" -}}
{{- if and (eq .Values.mode "standalone") .Values.persistence.enabled (not .Values.persistence.existingClaim) -}}
true
{{- end -}}
{{- end -}}

{{- define "debrief.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The pod template of the chart's own StatefulSet and Deployment. */}}
{{- define "debrief.podTemplate" -}}
metadata:
  labels:
    {{- include "debrief.selectorLabels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    {{- include "debrief.podAnnotations" . | nindent 4 }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "debrief.serviceAccountName" . }}
  # debriefd calls no Kubernetes API.
  automountServiceAccountToken: false
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  containers:
    {{- include "debrief.container" . | nindent 4 }}
  volumes:
    {{- include "debrief.volumes" . | nindent 4 }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
