"""Custom domains through the official FC 3.0 Python SDK, unchanged.

Usage: python fc_sdk_domains.py HOST:PORT

Creates a function and a custom domain routing to it, gets, lists and updates the domain,
sends a request with the domain's Host header and sees the function answer, deletes the
domain and checks the FC error for a missing one. Prints one line per step; exits non-zero
on the first failed check.
"""

import http.client
import json
import sys

from alibabacloud_fc20230330 import models as fc

from sdk_common import check, code_zip, engine_client

HANDLER = """import json
def handler(event, context):
    event = json.loads(event)
    return {'statusCode': 200, 'body': json.dumps({'path': event['rawPath']})}
"""

DOMAIN = "sdk.example.com"


def through_domain(endpoint, path, host=DOMAIN):
    host_name, port = endpoint.split(":")
    connection = http.client.HTTPConnection(host_name, int(port), timeout=60)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    return response.status, response.read()


def routes(*paths):
    return fc.RouteConfig(
        routes=[
            fc.PathConfig(path=p, function_name="sdk-domain-fn", qualifier="LATEST", methods=["GET"])
            for p in paths
        ]
    )


def main(endpoint):
    client = engine_client(endpoint)
    client.create_function(
        fc.CreateFunctionRequest(
            body=fc.CreateFunctionInput(
                function_name="sdk-domain-fn",
                runtime="python3.10",
                handler="index.handler",
                code=fc.InputCodeLocation(zip_file=code_zip(HANDLER)),
            )
        )
    )
    created = client.create_custom_domain(
        fc.CreateCustomDomainRequest(
            body=fc.CreateCustomDomainInput(
                domain_name=DOMAIN, protocol="HTTP", route_config=routes("/api/*")
            )
        )
    ).body
    check(created.domain_name == DOMAIN, f"domainName {created.domain_name!r}")
    check(created.api_version == "2023-03-30", f"apiVersion {created.api_version!r}")
    check(bool(created.created_time), "no createdTime")
    check(created.route_config.routes[0].path == "/api/*", "route lost")
    try:
        client.create_custom_domain(
            fc.CreateCustomDomainRequest(
                body=fc.CreateCustomDomainInput(domain_name=DOMAIN, protocol="HTTP")
            )
        )
        check(False, "a second create of the same domain succeeded")
    except Exception as error:
        check(getattr(error, "code", None) == "DomainNameAlreadyExists", f"error code: {error!r}")
    print("create ok", flush=True)

    got = client.get_custom_domain(DOMAIN).body
    check(got.route_config.routes[0].function_name == "sdk-domain-fn", "get lost the route")
    check(got.protocol == "HTTP", f"protocol {got.protocol!r}")
    print("get ok", flush=True)

    listed = client.list_custom_domains(fc.ListCustomDomainsRequest(prefix="sdk.")).body
    check([d.domain_name for d in listed.custom_domains] == [DOMAIN], f"list {listed}")
    print("list ok", flush=True)

    status, body = through_domain(endpoint, "/api/items?x=1")
    check(status == 200, f"domain request answered {status}: {body!r}")
    check(json.loads(body)["path"] == "/api/items", f"function saw {body!r}")
    status, body = through_domain(endpoint, "/other")
    check(status == 404, f"unrouted path answered {status}: {body!r}")
    print("route ok", flush=True)

    updated = client.update_custom_domain(
        DOMAIN,
        fc.UpdateCustomDomainRequest(
            body=fc.UpdateCustomDomainInput(protocol="HTTP,HTTPS", route_config=routes("/other"))
        ),
    ).body
    check(updated.protocol == "HTTP,HTTPS", f"protocol after update {updated.protocol!r}")
    status, body = through_domain(endpoint, "/other")
    check(status == 200, f"updated route answered {status}: {body!r}")
    status, _ = through_domain(endpoint, "/api/items")
    check(status == 404, f"the old route still answers: {status}")
    print("update ok", flush=True)

    client.delete_custom_domain(DOMAIN)
    try:
        client.get_custom_domain(DOMAIN)
        check(False, "get of a deleted domain succeeded")
    except Exception as error:
        check(getattr(error, "code", None) == "DomainNameNotFound", f"error code: {error!r}")
    status, body = through_domain(endpoint, "/other")
    check(status != 200, f"a deleted domain still routes: {body!r}")
    client.delete_function("sdk-domain-fn")
    print("delete ok", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
