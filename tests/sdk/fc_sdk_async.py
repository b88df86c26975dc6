"""Drive a local engine's async invocation with the official FC 3.0 Python SDK, unchanged.

Usage: python fc_sdk_async.py HOST:PORT

Creates a function with stateful async tasks on, invokes it asynchronously with a task id,
follows the task with get_async_task and list_async_tasks, then starts a long task and stops
it with stop_async_task. Prints one line per step; exits non-zero on the first failed check.
"""

import io
import json
import sys
import time

from alibabacloud_fc20230330 import models as fc
from darabonba.runtime import RuntimeOptions

from sdk_common import check, code_zip, engine_client


HANDLER = '''
import json, time

def handler(event, context):
    data = json.loads(event)
    time.sleep(data.get("sleep", 0))
    return "done:" + str(data.get("n"))
'''


def wait_status(client, name, task_id, status):
    deadline = time.time() + 60
    while time.time() < deadline:
        task = client.get_async_task(name, task_id, fc.GetAsyncTaskRequest()).body
        if task.status == status:
            return task
        time.sleep(0.05)
    check(False, f"task {task_id} never became {status} (last {task.status})")


def invoke_async(client, name, task_id, event):
    return client.invoke_function_with_options(
        name,
        fc.InvokeFunctionRequest(body=io.BytesIO(json.dumps(event).encode())),
        fc.InvokeFunctionHeaders(x_fc_invocation_type="Async", x_fc_async_task_id=task_id),
        RuntimeOptions(),
    )


def main(endpoint):
    client = engine_client(endpoint)
    name = "sdk-async"
    client.create_function(
        fc.CreateFunctionRequest(
            body=fc.CreateFunctionInput(
                function_name=name,
                runtime="python3.10",
                handler="index.handler",
                code=fc.InputCodeLocation(zip_file=code_zip(HANDLER)),
                timeout=120,
            )
        )
    )
    client.put_async_invoke_config(
        name,
        fc.PutAsyncInvokeConfigRequest(
            body=fc.PutAsyncInvokeConfigInput(async_task=True, max_async_retry_attempts=1)
        ),
    )

    accepted = invoke_async(client, name, "sdk-task-1", {"n": 1})
    check(accepted.status_code == 202, f"async invoke status {accepted.status_code}")
    check(accepted.headers.get("x-fc-async-task-id") == "sdk-task-1", f"headers {accepted.headers}")
    check(bool(accepted.headers.get("x-fc-request-id")), "no request id")
    print("async-invoke ok", flush=True)

    task = wait_status(client, name, "sdk-task-1", "Succeeded")
    check(task.return_payload == "done:1", f"returnPayload {task.return_payload!r}")
    check(task.request_id == accepted.headers.get("x-fc-request-id"), "request id differs")
    check([e.status for e in task.events] == ["Enqueued", "Running", "Succeeded"], "events")
    check(task.already_retried_times == 0, f"retried {task.already_retried_times}")
    print("get ok", flush=True)

    listed = client.list_async_tasks(
        name, fc.ListAsyncTasksRequest(include_payload=True, limit=10, status="Succeeded")
    ).body
    check([t.task_id for t in listed.tasks] == ["sdk-task-1"], "list ids")
    check(listed.tasks[0].task_payload == '{"n": 1}', f"payload {listed.tasks[0].task_payload!r}")
    print("list ok", flush=True)

    invoke_async(client, name, "sdk-task-2", {"n": 2, "sleep": 120})
    wait_status(client, name, "sdk-task-2", "Running")
    client.stop_async_task(name, "sdk-task-2", fc.StopAsyncTaskRequest())
    stopped = wait_status(client, name, "sdk-task-2", "Stopped")
    check("Retrying" not in [e.status for e in stopped.events], "a stopped task retried")
    print("stop ok", flush=True)

    client.delete_async_invoke_config(name, fc.DeleteAsyncInvokeConfigRequest())
    client.delete_function(name)


if __name__ == "__main__":
    main(sys.argv[1])
