package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Manifest returns the name and contents of manifest file i: by turns a GPU training
// Deployment with its Service, ConfigMaps, namespaced and cluster RBAC, a Namespace with
// its NetworkPolicies, and a mixed multi-document stream (ServiceAccount, StatefulSet,
// CronJob, DaemonSet).
func Manifest(i int, seed uint64) (string, []byte) {
	r := rng(seed, 100+uint64(i))
	ns := fmt.Sprintf("team-%02d", i%40)
	var b strings.Builder
	var kind string
	switch i % 5 {
	case 0:
		kind = "gpu-deployment"
		writeDocs(&b, gpuDeployment(r, ns, i), service(ns, i))
	case 1:
		kind = "configmaps"
		writeDocs(&b, configMap(r, ns, i, 0), configMap(r, ns, i, 1))
	case 2:
		kind = "rbac"
		writeDocs(&b, rbac(r, ns, i)...)
	case 3:
		kind = "namespace"
		writeDocs(&b, namespace(r, ns, i)...)
	default:
		kind = "multi"
		writeDocs(&b, multi(r, ns, i)...)
	}
	return fmt.Sprintf("%03d-%s.yaml", i, kind), []byte(b.String())
}

func writeDocs(b *strings.Builder, docs ...string) {
	for j, d := range docs {
		if j > 0 {
			b.WriteString("---\n")
		}
		b.WriteString(strings.TrimLeft(d, "\n"))
	}
}

func image(r *rand.Rand, name string) string {
	switch pick(r) {
	case secure:
		return fmt.Sprintf("acrplatform.azurecr.io/%s@sha256:%064x", name, r.Uint64())
	case insecure:
		return "docker.io/library/" + name + ":latest"
	default:
		return "acrplatform.azurecr.io/" + name + ":1.4.2"
	}
}

func securityContext(r *rand.Rand, indent string) string {
	var lines []string
	switch pick(r) {
	case secure:
		lines = []string{"runAsNonRoot: true", "allowPrivilegeEscalation: false", "readOnlyRootFilesystem: true", "capabilities:", "  drop: [\"ALL\"]", "seccompProfile:", "  type: RuntimeDefault"}
	case insecure:
		lines = []string{"privileged: true", "allowPrivilegeEscalation: true", "capabilities:", "  add: [\"SYS_ADMIN\"]"}
	default:
		lines = []string{"runAsUser: 1000"}
	}
	return indent + "securityContext:\n" + indent + "  " + strings.Join(lines, "\n"+indent+"  ") + "\n"
}

func gpuDeployment(r *rand.Rand, ns string, i int) string {
	tolerations := ""
	if pick(r) != insecure {
		tolerations = `      tolerations:
        - key: nvidia.com/gpu
          operator: Exists
          effect: NoSchedule
`
	}
	selector := ""
	if pick(r) != insecure {
		selector = "      nodeSelector:\n        accelerator: nvidia\n"
	}
	host := ""
	if pick(r) == insecure {
		host = "      hostNetwork: true\n      hostIPC: true\n"
	}
	automount := map[bool]string{true: "false", false: "true"}[pick(r) != insecure]
	args := `["--config", "/etc/train/config.yaml"]`
	if pick(r) == insecure {
		args = `["--config", "/etc/train/config.yaml", "--disable-auth", "--log-level=debug"]`
	}
	return fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: trainer-%03d
  namespace: %s
  labels:
    app.kubernetes.io/name: trainer-%03d
spec:
  replicas: %d
  selector:
    matchLabels:
      app: trainer-%03d
  template:
    metadata:
      labels:
        app: trainer-%03d
        azure.workload.identity/use: "true"
    spec:
      serviceAccountName: trainer
      automountServiceAccountToken: %s
%s%s%s      containers:
        - name: trainer
          image: %s
          args: %s
          env:
            - name: AZURE_STORAGE_ACCOUNT
              value: stdata%03d
            - name: NCCL_DEBUG
              value: INFO
          resources:
            limits:
              nvidia.com/gpu: %d
              memory: 64Gi
            requests:
              cpu: "8"
              memory: 48Gi
%s          volumeMounts:
            - name: data
              mountPath: /data
        - name: metrics
          image: %s
          ports:
            - containerPort: 9400
%s      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: training-data
`, i, ns, i, 1+r.IntN(4), i, i, automount, tolerations, selector, host, image(r, "osmo-trainer"), args, i, 1+r.IntN(8),
		securityContext(r, "          "), image(r, "dcgm-exporter"), securityContext(r, "          "))
}

func service(ns string, i int) string {
	return fmt.Sprintf(`apiVersion: v1
kind: Service
metadata:
  name: trainer-%03d
  namespace: %s
spec:
  selector:
    app: trainer-%03d
  ports:
    - port: 9400
      targetPort: 9400
`, i, ns, i)
}

func configMap(r *rand.Rand, ns string, i, j int) string {
	extra := "  log_level: info\n"
	switch pick(r) {
	case insecure:
		extra = "  tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n    -----END PRIVATE KEY-----\n"
	case unknown:
		extra = "  log_level: debug\n  storage_connection: DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc123==\n"
	}
	return fmt.Sprintf(`apiVersion: v1
kind: ConfigMap
metadata:
  name: train-config-%03d-%d
  namespace: %s
data:
  config.yaml: |
    epochs: %d
    batch_size: 64
    dataset: /data/robotics/episodes
    checkpoint_every: 500
%s`, i, j, ns, 10+r.IntN(90), extra)
}

func rbac(r *rand.Rand, ns string, i int) []string {
	verbs := `["get", "list", "watch"]`
	resources := `["pods", "configmaps"]`
	switch pick(r) {
	case insecure:
		verbs = `["*"]`
		resources = `["*"]`
	case unknown:
		verbs = `["get", "list", "create", "escalate", "bind"]`
		resources = `["roles", "rolebindings", "secrets"]`
	}
	clusterRole := "view"
	if pick(r) == insecure {
		clusterRole = "cluster-admin"
	}
	return []string{
		fmt.Sprintf("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner-%03d\n  namespace: %s\n  annotations:\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-%012d\nautomountServiceAccountToken: %v\n", i, ns, i, pick(r) == insecure),
		fmt.Sprintf("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner-%03d\n  namespace: %s\nrules:\n  - apiGroups: [\"\"]\n    resources: %s\n    verbs: %s\n", i, ns, resources, verbs),
		fmt.Sprintf("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: runner-%03d\n  namespace: %s\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: runner-%03d\nsubjects:\n  - kind: ServiceAccount\n    name: runner-%03d\n    namespace: %s\n", i, ns, i, i, ns),
		fmt.Sprintf("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader-%03d\nrules:\n  - apiGroups: [\"\"]\n    resources: %s\n    verbs: [\"get\", \"list\"]\n", i, map[bool]string{true: `["secrets"]`, false: `["pods", "nodes"]`}[pick(r) == insecure]),
		fmt.Sprintf("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: runner-%03d\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: %s\nsubjects:\n  - kind: ServiceAccount\n    name: runner-%03d\n    namespace: %s\n  - kind: Group\n    name: ml-engineers\n    apiGroup: rbac.authorization.k8s.io\n", i, clusterRole, i, ns),
	}
}

func namespace(r *rand.Rand, ns string, i int) []string {
	label := "    pod-security.kubernetes.io/enforce: restricted\n"
	if pick(r) == insecure {
		label = "    pod-security.kubernetes.io/enforce: privileged\n"
	}
	docs := []string{fmt.Sprintf("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s-%03d\n  labels:\n%s", ns, i, label)}
	types := []string{"Ingress", "Egress"}
	switch pick(r) {
	case insecure:
		return docs
	case unknown:
		types = []string{"Ingress"}
	}
	docs = append(docs,
		fmt.Sprintf("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: %s-%03d\nspec:\n  podSelector: {}\n  policyTypes: [%s]\n", ns, i, strings.Join(types, ", ")),
		fmt.Sprintf("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-dns\n  namespace: %s-%03d\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n      ports:\n        - protocol: UDP\n          port: 53\n", ns, i),
	)
	return docs
}

func multi(r *rand.Rand, ns string, i int) []string {
	hostPath := ""
	if pick(r) == insecure {
		hostPath = "        - name: host\n          hostPath:\n            path: /var/run\n"
	}
	return []string{
		"# rendered by helm template\n" + fmt.Sprintf("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: worker-%03d\n  namespace: %s\n", i, ns),
		fmt.Sprintf(`apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: dataset-cache-%03d
  namespace: %s
spec:
  serviceName: dataset-cache
  selector:
    matchLabels:
      app: dataset-cache
  template:
    metadata:
      labels:
        app: dataset-cache
    spec:
      serviceAccountName: worker-%03d
      containers:
        - name: cache
          image: %s
%s      volumes:
        - name: scratch
          emptyDir: {}
%s`, i, ns, i, image(r, "redis"), securityContext(r, "          "), hostPath),
		fmt.Sprintf(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: checkpoint-gc-%03d
  namespace: %s
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: gc
              image: %s
              command: ["python", "-m", "gc_checkpoints"]
%s`, i, ns, image(r, "checkpoint-gc"), securityContext(r, "              ")),
		fmt.Sprintf(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter-%03d
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: node-exporter
  template:
    metadata:
      labels:
        app: node-exporter
    spec:
      hostPID: %v
      containers:
        - name: exporter
          image: %s
%s`, i, pick(r) == insecure, image(r, "node-exporter"), securityContext(r, "          ")),
	}
}

// Workflow returns the name and contents of GitHub workflow file i: CI, release and
// pull_request_target automation with a mix of pinned and floating actions, explicit and
// missing permissions, and run steps that interpolate untrusted event fields.
func Workflow(i int, seed uint64) (string, []byte) {
	r := rng(seed, 10000+uint64(i))
	trigger := "push:\n    branches: [main]\n  pull_request:\n"
	if pick(r) == insecure {
		trigger = "pull_request_target:\n    types: [opened, synchronize]\n"
	}
	perms := "permissions:\n  contents: read\n"
	switch pick(r) {
	case insecure:
		perms = "permissions: write-all\n"
	case unknown:
		perms = ""
	}
	checkout := "actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11"
	if pick(r) == insecure {
		checkout = "actions/checkout@v4"
	}
	login := "azure/login@a65d910e8af852a8061c627c456678983e180302"
	if pick(r) == insecure {
		login = "azure/login@v2"
	}
	run := `echo "building ${GITHUB_SHA}"`
	if pick(r) == insecure {
		run = `echo "PR: ${{ github.event.pull_request.title }}"`
	}
	body := fmt.Sprintf(`name: pipeline-%02d
on:
  %s
%s
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: %s
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - name: test
        run: |
          %s
          make test
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: %s
      - uses: %s
        with:
          client-id: ${{ secrets.AZURE_CLIENT_ID }}
          tenant-id: ${{ secrets.AZURE_TENANT_ID }}
          subscription-id: ${{ secrets.AZURE_SUBSCRIPTION_ID }}
      - run: terraform plan -out tfplan && terraform show -json tfplan > plan.json
`, i, trigger, perms, checkout, run, checkout, login)
	return fmt.Sprintf("%02d-pipeline.yml", i), []byte(body)
}
