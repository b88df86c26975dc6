"""FC's official layers through the official FC 3.0 Python SDK, unchanged.

Usage: python fc_sdk_layers.py HOST:PORT

Lists the official layers, describes one by ARN, creates a custom-runtime function that uses
it (the engine prepares the layer then) and reads the layer back from the function. Prints
one line per step; exits non-zero on the first failed check.
"""

import sys

from alibabacloud_fc20230330 import models as fc

from sdk_common import check, code_zip, engine_client

ARN = "acs:fc:cn-hangzhou:official:layers/Nodejs20/versions/1"


def main(endpoint):
    client = engine_client(endpoint)
    listed = client.list_layers(fc.ListLayersRequest(official="true", prefix="Nodejs")).body
    names = [layer.layer_name for layer in listed.layers]
    check("Nodejs20" in names, f"official list {names}")
    check(all(name.startswith("Nodejs") for name in names), f"prefix ignored: {names}")
    print("list ok", flush=True)

    layer = client.get_layer_version_by_arn(ARN).body
    check(layer.layer_name == "Nodejs20", f"layer name {layer.layer_name!r}")
    check(layer.layer_version_arn == ARN, f"arn {layer.layer_version_arn!r}")
    print("get-by-arn ok", flush=True)

    name = "sdk-official-layer"
    client.create_function(
        fc.CreateFunctionRequest(
            body=fc.CreateFunctionInput(
                function_name=name,
                runtime="custom.debian10",
                handler="index.handler",
                layers=[ARN],
                custom_runtime_config=fc.CustomRuntimeConfig(command=["node", "index.js"]),
                code=fc.InputCodeLocation(zip_file=code_zip("")),
            )
        )
    )
    got = client.get_function(name, fc.GetFunctionRequest()).body
    check([l.arn for l in got.layers] == [ARN], f"function layers {got.layers}")
    client.delete_function(name)
    print("function ok", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
