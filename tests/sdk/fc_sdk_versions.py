"""Versions and aliases through the official FC 3.0 Python SDK, unchanged.

Usage: python fc_sdk_versions.py HOST:PORT

Publishes two versions of a function with different code, lists them, routes an alias to
one and then the other, invokes by version and by alias, and deletes what it made. Prints
one line per step; exits non-zero on the first failed check.
"""

import io
import sys

from alibabacloud_fc20230330 import models as fc

from sdk_common import check, code_zip, engine_client


def versioned_code(answer):
    return code_zip(f"def handler(event, context):\n    return b'{answer}'\n")


def invoke(client, name, qualifier):
    response = client.invoke_function(
        name, fc.InvokeFunctionRequest(body=io.BytesIO(b"{}"), qualifier=qualifier)
    )
    return response.body.read()


def main(endpoint):
    client = engine_client(endpoint)
    name = "sdk-versions"
    client.create_function(
        fc.CreateFunctionRequest(
            body=fc.CreateFunctionInput(
                function_name=name,
                runtime="python3.10",
                handler="index.handler",
                code=fc.InputCodeLocation(zip_file=versioned_code("v1")),
            )
        )
    )
    first = client.publish_function_version(
        name,
        fc.PublishFunctionVersionRequest(body=fc.PublishVersionInput(description="first")),
    ).body
    check(first.version_id == "1", f"first version id {first.version_id!r}")
    check(first.description == "first", "description lost")
    client.update_function(
        name,
        fc.UpdateFunctionRequest(
            body=fc.UpdateFunctionInput(code=fc.InputCodeLocation(zip_file=versioned_code("v2")))
        ),
    )
    second = client.publish_function_version(
        name, fc.PublishFunctionVersionRequest(body=fc.PublishVersionInput())
    ).body
    check(second.version_id == "2", f"second version id {second.version_id!r}")
    print("publish ok", flush=True)

    listed = client.list_function_versions(
        name, fc.ListFunctionVersionsRequest(direction="FORWARD", limit=1)
    ).body
    check([v.version_id for v in listed.versions] == ["1"], "first page")
    check(listed.next_token == "2", f"next token {listed.next_token!r}")
    print("list-versions ok", flush=True)

    check(invoke(client, name, "1") == b"v1", "version 1 runs its own code")
    check(invoke(client, name, "LATEST") == b"v2", "LATEST runs the current code")
    print("invoke-version ok", flush=True)

    alias = client.create_alias(
        name,
        fc.CreateAliasRequest(
            body=fc.CreateAliasInput(alias_name="prod", version_id="1", description="live")
        ),
    ).body
    check(alias.alias_name == "prod" and alias.version_id == "1", f"alias {alias}")
    check(invoke(client, name, "prod") == b"v1", "alias routes to version 1")
    client.update_alias(
        name,
        "prod",
        fc.UpdateAliasRequest(
            body=fc.UpdateAliasInput(version_id="2", additional_version_weight={"1": 0.0})
        ),
    )
    got = client.get_alias(name, "prod").body
    check(got.version_id == "2", f"updated alias {got}")
    check(got.description == "live", "update dropped the description")
    check(invoke(client, name, "prod") == b"v2", "alias routes to version 2")
    aliases = client.list_aliases(name, fc.ListAliasesRequest(prefix="pr")).body.aliases
    check([a.alias_name for a in aliases] == ["prod"], "list aliases")
    print("alias ok", flush=True)

    try:
        client.delete_function_version(name, "2")
        check(False, "deleted a version an alias routes to")
    except Exception as error:
        check(getattr(error, "code", None) == "FunctionNotEmpty", f"error code: {error!r}")
    client.delete_alias(name, "prod")
    client.delete_function_version(name, "2")
    try:
        client.get_alias(name, "prod")
        check(False, "got a deleted alias")
    except Exception as error:
        check(getattr(error, "code", None) == "AliasNotFound", f"error code: {error!r}")
    client.delete_function(name)
    print("delete ok", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
