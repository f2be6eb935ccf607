{{/* Prefix of every object name: the release name, short enough to leave room for the suffixes. */}}
{{- define "jdranspose.fullname" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object; pass (dict "root" $ "component" "worker"). */}}
{{- define "jdranspose.labels" -}}
app.kubernetes.io/name: jdranspose
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{ include "jdranspose.selectorLabels" . }}
{{- end -}}

{{/* The labels selectors match: release, component and, for ingesters, the stream. */}}
{{- define "jdranspose.selectorLabels" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- with .stream }}
jdranspose.io/stream: {{ . }}
{{- end }}
{{- end -}}

{{- define "jdranspose.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/*
A stream name as a Kubernetes name part: stream names may hold `_` (trigger maps use them), object names
may not. Lower-case, anything outside [a-z0-9-] becomes `-`.
*/}}
{{- define "jdranspose.streamName" -}}
{{- regexReplaceAll "[^a-z0-9-]" (lower .) "-" | trunc 40 | trimAll "-" -}}
{{- end -}}

{{/* The bundled Redis's Service name. */}}
{{- define "jdranspose.redisService" -}}
{{ include "jdranspose.fullname" . }}-redis
{{- end -}}

{{/* Whether the chart deploys its own Redis: only without an external `redis.url`. */}}
{{- define "jdranspose.bundledRedis" -}}
{{- if and .Values.redis.enabled (not .Values.redis.url) }}true{{ end -}}
{{- end -}}

{{/*
$REDIS_URL of every component (RedisOptions reads it when --redis-url is absent). An external URL may hold a
password, so it comes from a Secret rather than sitting in the pod spec.
*/}}
{{- define "jdranspose.redisEnv" -}}
- name: REDIS_URL
{{- if .Values.redis.url }}
  valueFrom:
    secretKeyRef:
      name: {{ include "jdranspose.fullname" . }}-redis-url
      key: url
{{- else if .Values.redis.enabled }}
  value: {{ printf "redis://%s:6379/0" (include "jdranspose.redisService" .) | quote }}
{{- else }}
{{- fail "redis: set redis.url to an external Redis, or redis.enabled=true to deploy one" }}
{{- end }}
{{- with .Values.javaOpts }}
- name: JDRANSPOSE_JAVA_OPTS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The pod's own IP, which workers and the reducer advertise: their inbox ports are chosen at bind time. */}}
{{- define "jdranspose.podIpEnv" -}}
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
{{- end -}}

{{/* --plugin / --workerclass / --reducerclass, as workers and the reducer take them. */}}
{{- define "jdranspose.pluginArgs" -}}
{{- with .Values.plugin.jar }}
- --plugin
- {{ . | quote }}
{{- end }}
{{- with .Values.plugin.workerClass }}
- --workerclass
- {{ . | quote }}
{{- end }}
{{- with .Values.plugin.reducerClass }}
- --reducerclass
- {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Pod security context with the optional sysctls of the data-plane pods. */}}
{{- define "jdranspose.podSecurityContext" -}}
{{- with .Values.podSysctls -}}
securityContext:
  sysctls:
    {{- toYaml . | nindent 4 }}
{{- end -}}
{{- end -}}

{{- define "jdranspose.pluginVolumeMount" -}}
{{- if .Values.plugin.volume -}}
- name: plugin
  mountPath: {{ .Values.plugin.mountPath }}
  readOnly: true
{{- end -}}
{{- end -}}

{{- define "jdranspose.pluginVolume" -}}
{{- with .Values.plugin.volume -}}
- name: plugin
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}

{{- define "jdranspose.dataVolumeMount" -}}
{{- if .Values.dataVolume -}}
- name: data
  mountPath: {{ .Values.dataMountPath }}
{{- end -}}
{{- end -}}

{{- define "jdranspose.dataVolume" -}}
{{- with .Values.dataVolume -}}
- name: data
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}
