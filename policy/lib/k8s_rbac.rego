# METADATA
# title: Kubernetes RBAC
# description: |
#   Roles, ClusterRoles and their bindings from manifests, a `kubectl get roles,rolebindings,
#   clusterroles,clusterrolebindings -A -o json` List, or a Gatekeeper review plus synced
#   inventory. Resolves what a binding grants by joining it to its role in the same input set
#   (aggregated ClusterRoles included; the built-in cluster-admin/admin/edit/view roles are
#   known by name when the input does not carry them), and classifies rules and subjects.
# custom:
#   library: true
package lib.k8s_rbac

import data.lib.k8s

role_kinds := {"Role", "ClusterRole"}

binding_kinds := {"RoleBinding", "ClusterRoleBinding"}

_rbac(obj) if startswith(obj.apiVersion, "rbac.authorization.k8s.io/")

# roles lists the Role and ClusterRole documents given, as {path, object}.
roles contains o if {
	some o in k8s.objects
	o.object.kind in role_kinds
	_rbac(o.object)
}

# bindings lists the RoleBinding and ClusterRoleBinding documents given, as {path, object}.
bindings contains o if {
	some o in k8s.objects
	o.object.kind in binding_kinds
	_rbac(o.object)
}

_labels(obj) := object.get(obj.metadata, "labels", {})

# system_object is true for Kubernetes' and AKS's own RBAC objects (bootstrap defaults,
# addon-manager reconciled, `system:` names, Roles in system namespaces): the operator does
# not own them and they are not reported.
system_object(obj) if startswith(obj.metadata.name, "system:")

system_object(obj) if managed_object(obj)

# managed_object is true for RBAC objects a cluster component creates and reconciles:
# Kubernetes' bootstrap defaults and AKS's addon-manager objects (aks-cluster-admin-binding,
# which binds cluster-admin to the local accounts and the configured Entra ID admin groups).
managed_object(obj) if _labels(obj)["kubernetes.io/bootstrapping"] == "rbac-defaults"

managed_object(obj) if _labels(obj)["addonmanager.kubernetes.io/mode"]

system_object(obj) if {
	obj.kind in {"Role", "RoleBinding"}
	k8s.namespace(obj) in k8s.system_namespaces
}

_open_groups := {"system:authenticated", "system:unauthenticated"}

# system_subject is true for the control plane's own principals: system:masters and other
# system: groups and users, and service accounts of system namespaces. Groups and users that
# stand for everyone (system:authenticated, system:unauthenticated, system:anonymous) or for
# service accounts (system:serviceaccounts...) are not system principals.
system_subject(s) if {
	s.kind == "Group"
	startswith(s.name, "system:")
	not s.name in _open_groups
	not startswith(s.name, "system:serviceaccounts")
}

system_subject(s) if {
	s.kind == "User"
	startswith(s.name, "system:")
	s.name != "system:anonymous"
	not startswith(s.name, "system:serviceaccount:")
}

system_subject(s) if {
	s.kind == "User"
	parts := split(s.name, ":")
	count(parts) == 4
	startswith(s.name, "system:serviceaccount:")
	parts[2] in k8s.system_namespaces
}

system_subject(s) if {
	s.kind == "ServiceAccount"
	s.namespace in k8s.system_namespaces
}

# subject_id names a subject: ServiceAccount/ns/name, User/name or Group/name.
subject_id(s) := sprintf("ServiceAccount/%s/%s", [s.namespace, s.name]) if {
	s.kind == "ServiceAccount"
} else := sprintf("%s/%s", [s.kind, s.name])

# subjects lists a binding's subjects that are not system principals (ServiceAccount
# subjects without a namespace take the binding's).
subjects(binding) := [_with_ns(s, binding) |
	some s in object.get(binding, "subjects", [])
	not system_subject(_with_ns(s, binding))
]

_with_ns(s, binding) := object.union(s, {"namespace": k8s.namespace(binding)}) if {
	s.kind == "ServiceAccount"
	not _has_ns(s)
} else := s

_has_ns(s) if {
	is_string(s.namespace)
	s.namespace != ""
}

# service_account returns {namespace, name} for a subject that is a service account, a
# service account's user name, or a group of service accounts (name "*").
service_account(s) := {"namespace": s.namespace, "name": s.name} if s.kind == "ServiceAccount"

service_account(s) := {"namespace": parts[2], "name": parts[3]} if {
	s.kind == "User"
	parts := split(s.name, ":")
	count(parts) == 4
	startswith(s.name, "system:serviceaccount:")
}

service_account(s) := {"namespace": "*", "name": "*"} if {
	s.kind == "Group"
	s.name == "system:serviceaccounts"
}

service_account(s) := {"namespace": substring(s.name, count("system:serviceaccounts:"), -1), "name": "*"} if {
	s.kind == "Group"
	startswith(s.name, "system:serviceaccounts:")
}

# builtin_cluster_roles holds the salient rules of the user-facing default ClusterRoles,
# used when the input does not carry them.
builtin_cluster_roles := {
	"cluster-admin": [
		{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
		{"nonResourceURLs": ["*"], "verbs": ["*"]},
	],
	"admin": array.concat(_edit_rules, [{
		"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles", "rolebindings"],
		"verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
	}]),
	"edit": _edit_rules,
	"view": [{
		"apiGroups": ["", "apps", "batch"],
		"resources": ["pods", "configmaps", "services", "deployments", "jobs"],
		"verbs": ["get", "list", "watch"],
	}],
}

_edit_rules := [
	{
		"apiGroups": [""],
		"resources": ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "configmaps", "services", "persistentvolumeclaims", "serviceaccounts"],
		"verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
	},
	{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]},
	{
		"apiGroups": ["apps", "batch"],
		"resources": ["deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs"],
		"verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
	},
]

# role_ref names the role a binding refers to, as Kind/name (Kind/namespace/name for a Role).
role_ref(b) := sprintf("Role/%s/%s", [k8s.namespace(b), b.roleRef.name]) if {
	b.roleRef.kind == "Role"
} else := sprintf("ClusterRole/%s", [b.roleRef.name])

_targets(b) := [r | some r in k8s.cluster_named("ClusterRole", b.roleRef.name)] if b.roleRef.kind == "ClusterRole"

_targets(b) := [r | some r in k8s.named("Role", k8s.namespace(b), b.roleRef.name)] if b.roleRef.kind == "Role"

# rules_of returns the rules a Role/ClusterRole grants, aggregated ClusterRoles included.
rules_of(role) := {rule |
	some rule in object.get(role, "rules", [])
} | {rule |
	some sel in role.aggregationRule.clusterRoleSelectors
	some c in k8s.of_kind("ClusterRole")
	c.metadata.name != role.metadata.name
	_selects(sel, c)
	some rule in object.get(c, "rules", [])
}

_selects(sel, obj) if {
	want := object.get(sel, "matchLabels", {})
	count(want) > 0
	every k, v in want {
		_labels(obj)[k] == v
	}
}

# bound_rules returns the rules a binding grants: from its role in the input set, else
# from the built-in defaults; undefined when the role is unknown.
bound_rules(b) := rules if {
	targets := _targets(b)
	count(targets) > 0
	rules := {rule | some r in targets; some rule in rules_of(r)}
} else := {rule | some rule in builtin_cluster_roles[b.roleRef.name]} if {
	b.roleRef.kind == "ClusterRole"
}

_list(r, key) := [x | some x in object.get(r, key, [])]

_has(r, key, value) if value in _list(r, key)

_has(r, key, _) if "*" in _list(r, key)

_unrestricted(r) if count(_list(r, "resourceNames")) == 0

# grants is true when rule r allows verb on resource in apiGroup group (wildcards honoured,
# rules limited to named objects excluded).
grants(r, group, resource, verb) if {
	_has(r, "apiGroups", group)
	_has(r, "resources", resource)
	_has(r, "verbs", verb)
	_unrestricted(r)
}

wildcard_verbs(r) if "*" in _list(r, "verbs")

wildcard_resources(r) if "*" in _list(r, "resources")

wildcard_resources(r) if "*" in _list(r, "nonResourceURLs")

escalation_verbs := {"escalate", "bind", "impersonate"}

# escalation returns the escalate/bind/impersonate verbs rule r names explicitly on the
# resources they act on (escalate/bind on roles and clusterroles, impersonate on users,
# groups, service accounts, uids and userextras). A verb on other resources does nothing, and
# a rule limited by resourceNames (binding only `view`, impersonating one named service
# account) is the recommended way to grant these verbs: neither is returned.
escalation(r) := {v |
	some v in _list(r, "verbs")
	v in escalation_verbs
	_escalation_target(r, v)
	_unrestricted(r)
}

_escalation_target(r, v) if {
	v in {"escalate", "bind"}
	_has(r, "apiGroups", "rbac.authorization.k8s.io")
	some res in ["roles", "clusterroles"]
	_has(r, "resources", res)
}

_escalation_target(r, "impersonate") if {
	_has(r, "apiGroups", "")
	some res in ["users", "groups", "serviceaccounts"]
	_has(r, "resources", res)
}

_escalation_target(r, "impersonate") if {
	_has(r, "apiGroups", "authentication.k8s.io")
	some res in _list(r, "resources")
	_impersonation_extra(res)
}

_impersonation_extra(res) if res in {"uids", "userextras", "*"}

_impersonation_extra(res) if startswith(res, "userextras/")

_read_verbs := {"get", "list", "watch"}

# reads_secrets returns the get/list/watch verbs rule r grants on secrets.
reads_secrets(r) := {v | some v in _read_verbs; grants(r, "", "secrets", v)}

_rbac_resources := {"roles", "rolebindings", "clusterroles", "clusterrolebindings"}

_write_verbs := {"create", "update", "patch"}

# powers returns why a set of rules is powerful (empty when it is not).
powers(rules) := {p | some r in rules; some p in _powers(r)}

_powers(r) := ((((({"wildcard verbs" | wildcard_verbs(r)} | {"wildcard resources" | wildcard_resources(r)}) | {"read secrets" | count(reads_secrets(r)) > 0}) | {"write RBAC" | _writes_rbac(r)}) | {"exec into pods" | grants(r, "", "pods/exec", "create")}) | {"mint service account tokens" | grants(r, "", "serviceaccounts/token", "create")}) | ({"proxy to nodes" | grants(r, "", "nodes/proxy", "get")} | escalation(r))

_writes_rbac(r) if {
	some res in _rbac_resources
	some v in _write_verbs
	grants(r, "rbac.authorization.k8s.io", res, v)
}
