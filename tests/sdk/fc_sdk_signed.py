"""Call an engine that requires signatures with the official FC 3.0 Python SDK.

Usage: python fc_sdk_signed.py HOST:PORT ACCESS_KEY_ID ACCESS_KEY_SECRET FUNCTION

Lists functions, gets FUNCTION and invokes it with a body and `x-fc-log-type: Tail`, so
the engine checks signatures over GET and POST requests, queries, x-fc-* headers and a
body. Prints `signed ok` when every call succeeded, else `error <Code>` for the first
refused call (exit status 0 either way; the caller decides what was expected).
"""

import io
import sys

from alibabacloud_fc20230330 import models as fc
from darabonba.runtime import RuntimeOptions

from sdk_common import engine_client


def main(endpoint, key_id, secret, function):
    client = engine_client(endpoint, key_id, secret)
    try:
        listed = client.list_functions(fc.ListFunctionsRequest(limit=10, prefix=function[:3]))
        names = [f.function_name for f in listed.body.functions]
        if function not in names:
            print(f"FAILED: {function} not listed: {names}", flush=True)
            sys.exit(1)
        client.get_function(function, fc.GetFunctionRequest(qualifier="LATEST"))
        invoked = client.invoke_function_with_options(
            function,
            fc.InvokeFunctionRequest(body=io.BytesIO(b'{"name": "sdk"}')),
            fc.InvokeFunctionHeaders(x_fc_log_type="Tail"),
            RuntimeOptions(),
        )
        body = invoked.body.read()
    except Exception as error:  # ClientException carries FC's Code
        print(f"error {getattr(error, 'code', repr(error))}", flush=True)
        return
    print(f"signed ok {body.decode()}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
