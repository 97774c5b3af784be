{{/*
Names, labels and the rendered configuration. Every helper takes the chart's context
(`.`, or `.Subcharts.debrief` from a parent chart).
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "debrief.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The resource name prefix. Truncated to 63 characters because Kubernetes names of some
kinds (Service, label values) are DNS labels.
*/}}
{{- define "debrief.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "debrief.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "debrief.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the pods; never change them on upgrade. */}}
{{- define "debrief.selectorLabels" -}}
app.kubernetes.io/name: {{ include "debrief.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every resource. */}}
{{- define "debrief.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 }}
{{ include "debrief.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: server
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "debrief.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "debrief.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
debrief.yaml: files/debrief.yaml (the repo's config/debrief.yaml), then .Values.config
merged over it, then the listen addresses and data dir the pod spec relies on.
*/}}
{{- define "debrief.config" -}}
{{- $text := .Files.Get "files/debrief.yaml" -}}
{{- if not $text -}}
{{- fail "files/debrief.yaml is missing from the chart (it links to config/debrief.yaml)" -}}
{{- end -}}
{{- $base := fromYaml $text -}}
{{- if hasKey $base "Error" -}}
{{- fail (printf "files/debrief.yaml: %s" $base.Error) -}}
{{- end -}}
{{- $config := mergeOverwrite $base (deepCopy .Values.config) -}}
{{- $server := default dict $config.server -}}
{{- $_ := set $server "grpc_listen" (printf "%s:%d" .Values.listenHost (int .Values.ports.grpc)) -}}
{{- $_ := set $server "http_listen" (printf "%s:%d" .Values.listenHost (int .Values.ports.http)) -}}
{{- $storage := default dict $config.storage -}}
{{- $_ := set $storage "data_dir" "/var/lib/debrief" -}}
{{- $_ := set $config "server" $server -}}
{{- $_ := set $config "storage" $storage -}}
{{- toYaml $config -}}
{{- end -}}
