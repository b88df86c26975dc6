"""Drive a local engine with the official FC 3.0 Python SDK, unchanged.

Usage: python fc_sdk_roundtrip.py HOST:PORT

Creates, gets, updates, lists and deletes a function, manages a timer trigger, and invokes
synchronously with `x-fc-log-type: Tail`. Prints one line per step; exits non-zero on the
first failed check.
"""

import base64
import io
import json
import sys

from alibabacloud_fc20230330 import models as fc
from darabonba.runtime import RuntimeOptions

from sdk_common import check, code_zip, engine_client


HANDLER = '''
def handler(event, context):
    print("hello from the handler")
    return b"echo:" + event
'''


def main(endpoint):
    client = engine_client(endpoint)
    name = "sdk-fn"

    created = client.create_function(
        fc.CreateFunctionRequest(
            body=fc.CreateFunctionInput(
                function_name=name,
                runtime="python3.10",
                handler="index.handler",
                code=fc.InputCodeLocation(zip_file=code_zip(HANDLER)),
                memory_size=256,
                timeout=10,
                environment_variables={"GREETING": "hi"},
            )
        )
    ).body
    check(created.function_name == name, f"create returned {created.function_name}")
    check(created.memory_size == 256, f"memory {created.memory_size}")
    check(bool(created.code_checksum), "no codeChecksum")
    print("create ok", flush=True)

    got = client.get_function(name, fc.GetFunctionRequest(qualifier="LATEST")).body
    check(got.handler == "index.handler", f"get handler {got.handler}")
    check(got.environment_variables == {"GREETING": "hi"}, "environment lost")
    print("get ok", flush=True)

    updated = client.update_function(
        name, fc.UpdateFunctionRequest(body=fc.UpdateFunctionInput(timeout=30))
    ).body
    check(updated.timeout == 30, f"update timeout {updated.timeout}")
    check(updated.memory_size == 256, "update dropped memorySize")
    print("update ok", flush=True)

    listed = client.list_functions(fc.ListFunctionsRequest(limit=10, prefix="sdk")).body
    check([f.function_name for f in listed.functions] == [name], "list")
    print("list ok", flush=True)

    config = json.dumps({"cronExpression": "@every 1m", "enable": True, "payload": "hi"})
    trigger = client.create_trigger(
        name,
        fc.CreateTriggerRequest(
            body=fc.CreateTriggerInput(
                trigger_name="every-minute", trigger_type="timer", trigger_config=config
            )
        ),
    ).body
    check(trigger.trigger_config == config, "triggerConfig not echoed")
    got_trigger = client.get_trigger(name, "every-minute").body
    check(json.loads(got_trigger.trigger_config)["payload"] == "hi", "trigger get")
    client.delete_trigger(name, "every-minute")
    print("trigger ok", flush=True)

    try:
        client.get_function("does-not-exist", fc.GetFunctionRequest())
        check(False, "get of a missing function succeeded")
    except Exception as error:  # the SDK raises ClientException
        check(getattr(error, "code", None) == "FunctionNotFound", f"error code: {error!r}")
    print("errors ok", flush=True)

    try:
        invoked = client.invoke_function_with_options(
            name,
            fc.InvokeFunctionRequest(body=io.BytesIO(b"ping")),
            fc.InvokeFunctionHeaders(x_fc_log_type="Tail"),
            RuntimeOptions(),
        )
    except Exception as error:
        check(False, f"invoke raised {error}")
    body = invoked.body.read()
    headers = invoked.headers
    check(invoked.status_code == 200, f"invoke status {invoked.status_code}")
    check(not headers.get("x-fc-error-type"), f"function error: {body!r}")
    check(body == b"echo:ping", f"invoke body {body!r}")
    tail = base64.b64decode(headers.get("x-fc-log-result", "")).decode()
    check("hello from the handler" in tail, f"log tail: {tail!r}")
    check("FC Invoke Start RequestId:" in tail, f"log tail framing: {tail!r}")
    print("invoke ok", flush=True)

    client.delete_function(name)
    print("delete ok", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
