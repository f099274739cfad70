package stridegate.terraform.vpn_secret_local_state_test

import data.stridegate.terraform.fixtures_test as fx
import data.stridegate.terraform.vpn_secret_local_state as check

_provider := {"provider": {"azurerm": [{"features": [{}]}]}}

_backend := {"terraform": [{"backend": {"azurerm": [{"key": "platform.tfstate"}]}}]}

test_plan_shared_key_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_virtual_network_gateway_connection.onprem", {"type": "IPsec", "shared_key": "s3cret"})])
	fx.resources(vs) == {"azurerm_virtual_network_gateway_connection.onprem"}
	some v in vs
	v.details.id == "I-2"
	v.details.attribute == "shared_key"
}

test_plan_unknown_shared_key_still_lands_in_state if {
	vs := check.violation with input as fx.plan([fx.rc_unknown("azurerm_virtual_network_gateway_connection.onprem", {"type": "IPsec"}, {"shared_key": true})])
	count(vs) == 1
}

test_plan_no_shared_key_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_virtual_network_gateway_connection.vnet", {"type": "Vnet2Vnet", "shared_key": null})])
	count(vs) == 0
}

test_plan_aad_p2s_is_clean if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_virtual_network_gateway.vpn", {"vpn_client_configuration": [{"vpn_auth_types": ["AAD"], "aad_tenant": "https://login.microsoftonline.com/t/", "root_certificate": [], "radius_server": []}]})])
	count(vs) == 0
}

test_plan_radius_secret_fires if {
	vs := check.violation with input as fx.plan([fx.rc("azurerm_virtual_network_gateway.vpn", {"vpn_client_configuration": [{"radius_server": [{"address": "10.0.0.4", "secret": "x", "score": 1}]}]})])
	count(vs) == 1
}

test_plan_tls_root_certificate_fires if {
	vs := check.violation with input as fx.plan_config(
		[fx.rc_unknown("azurerm_virtual_network_gateway.vpn", {"vpn_client_configuration": [{"root_certificate": [{"name": "p2s-root"}]}]}, {"vpn_client_configuration": [{"root_certificate": [{"public_cert_data": true}]}]})],
		{"resources": [fx.cfg("azurerm_virtual_network_gateway", "vpn", {"vpn_client_configuration": [{"root_certificate": [{"public_cert_data": fx.refs(["tls_self_signed_cert.p2s_root.cert_pem", "tls_self_signed_cert.p2s_root"])}]}]})]},
	)
	count(vs) == 1
}

test_plan_vwan_link_fires_in_nested_module if {
	addr := "module.vpn.module.vwan.azurerm_vpn_gateway_connection.site"
	vs := check.violation with input as fx.plan([fx.rc(addr, {"vpn_link": [{"name": "l1", "shared_key": "k"}]})])
	fx.resources(vs) == {addr}
}

test_plan_deleted_is_skipped if {
	vs := check.violation with input as fx.plan([fx.deleted("azurerm_virtual_network_gateway_connection.onprem")])
	count(vs) == 0
}

test_hcl_root_without_backend_fires if {
	vs := check.violation with input as [
		fx.file("infra/main.tf", object.union(_provider, fx.res("azurerm_virtual_network_gateway_connection", "onprem", {"shared_key": "${random_password.vpn.result}"}))),
	]
	fx.resources(vs) == {"azurerm_virtual_network_gateway_connection.onprem"}
}

test_hcl_root_with_backend_is_clean if {
	vs := check.violation with input as [
		fx.file("infra/main.tf", object.union(_provider, fx.res("azurerm_virtual_network_gateway_connection", "onprem", {"shared_key": "${random_password.vpn.result}"}))),
		fx.file("infra/backend.tf", _backend),
	]
	count(vs) == 0
}

test_hcl_module_of_root_without_backend_fires if {
	vs := check.violation with input as [
		fx.file("infra/main.tf", object.union(_provider, {"module": {"vpn": [{"source": "./modules/vpn"}]}})),
		fx.file("infra/modules/vpn/main.tf", fx.res("azurerm_virtual_network_gateway_connection", "onprem", {"shared_key": "${var.shared_key}"})),
	]
	count(vs) == 1
}

test_hcl_module_of_root_with_backend_is_clean if {
	vs := check.violation with input as [
		fx.file("infra/main.tf", object.union(object.union(_provider, _backend), {"module": {"vpn": [{"source": "./modules/vpn"}]}})),
		fx.file("infra/modules/vpn/main.tf", fx.res("azurerm_virtual_network_gateway_connection", "onprem", {"shared_key": "${var.shared_key}"})),
	]
	count(vs) == 0
}

test_hcl_module_alone_is_unknown if {
	vs := check.violation with input as fx.hcl("azurerm_virtual_network_gateway_connection", "onprem", {"shared_key": "k"})
	count(vs) == 0
}

test_hcl_tls_certificate_fires if {
	vs := check.violation with input as [fx.file("infra/main.tf", object.union(_provider, fx.res("azurerm_virtual_network_gateway", "vpn", {"vpn_client_configuration": [{"root_certificate": [{"name": "root", "public_cert_data": "${replace(tls_self_signed_cert.root.cert_pem, \"-----BEGIN CERTIFICATE-----\", \"\")}"}]}]})))]
	count(vs) == 1
}

test_hcl_static_certificate_is_clean if {
	vs := check.violation with input as [fx.file("infra/main.tf", object.union(_provider, fx.res("azurerm_virtual_network_gateway", "vpn", {"vpn_client_configuration": [{"root_certificate": [{"name": "root", "public_cert_data": "${file(\"certs/root.cer\")}"}]}]})))]
	count(vs) == 0
}
