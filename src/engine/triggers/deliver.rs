//! The engine's `Deliver`: sync events run through the same spec cache and pool as
//! InvokeFunction, async events are queued durably in the `AsyncQueue`, so triggered
//! invocations get the same logs, metrics, retries and destinations as API ones.

use std::sync::Arc;

use bytes::Bytes;
use futures_util::future::BoxFuture;

use super::{Deliver, Delivery};
use crate::engine::asyncq::{AcceptError, AsyncQueue, SpecError, SpecSource};
use crate::engine::pool::{InstancePool, Invocation, PoolError};
use crate::engine::store::{InsertRefusal, NewTask};
use crate::fc;

pub struct EngineDeliver {
    specs: Arc<dyn SpecSource>,
    pool: Arc<InstancePool>,
    asyncq: Arc<AsyncQueue>,
}

impl EngineDeliver {
    /// Where the Kafka source puts batches it gives up on: the engine's local queues.
    pub fn dead_letter(&self) -> super::kafka::DeadLetter {
        let asyncq = self.asyncq.clone();
        Arc::new(move |queue: String, payload: Bytes| {
            let asyncq = asyncq.clone();
            Box::pin(async move {
                let body = String::from_utf8_lossy(&payload).into_owned();
                asyncq
                    .enqueue_message(&queue, body)
                    .await
                    .map_err(|e| e.to_string())
            })
        })
    }

    pub fn new(
        specs: Arc<dyn SpecSource>,
        pool: Arc<InstancePool>,
        asyncq: Arc<AsyncQueue>,
    ) -> EngineDeliver {
        EngineDeliver {
            specs,
            pool,
            asyncq,
        }
    }

    async fn run(&self, function: &str, payload: Bytes) -> Delivery {
        let spec = match self.specs.spec(function, "LATEST").await {
            Ok(spec) => spec,
            Err(SpecError::NotFound) => return function_missing(function),
            Err(SpecError::Other(message)) => return not_delivered("InternalServerError", message),
        };
        let invocation = Invocation {
            request_id: fc::new_request_id(),
            payload,
            is_async: false,
            retry_count: 0,
            headers: Vec::new(),
            http: None,
        };
        match self.pool.invoke(spec, invocation).await {
            Ok(result) => match result.error_type {
                Some(error_type) => Delivery::FunctionError {
                    error_type,
                    body: result.body,
                },
                None => Delivery::Done { body: result.body },
            },
            Err(PoolError::Throttled(message)) => not_delivered("ResourceExhausted", message),
            Err(PoolError::StartFailed { code, message }) => not_delivered(code.as_str(), message),
            Err(PoolError::ShuttingDown) => {
                not_delivered("ResourceThrottled", "the engine is shutting down")
            }
        }
    }

    async fn queue(&self, function: &str, payload: Bytes) -> Delivery {
        let request_id = fc::new_request_id();
        let task = NewTask {
            function: function.to_string(),
            qualifier: "LATEST".into(),
            task_id: request_id.clone(),
            request_id,
            payload: payload.to_vec(),
            named: false,
            created_ms: fc::epoch_ms(),
        };
        match self.asyncq.accept(task).await {
            Ok(_) => Delivery::Done { body: Bytes::new() },
            Err(AcceptError::Refused(InsertRefusal::FunctionNotFound)) => {
                function_missing(function)
            }
            Err(AcceptError::Refused(refusal)) => {
                not_delivered("InvalidArgument", format!("not queued: {refusal:?}"))
            }
            Err(AcceptError::Store(message)) => not_delivered("InternalServerError", message),
        }
    }
}

impl Deliver for EngineDeliver {
    fn deliver(&self, function: &str, payload: Bytes, is_async: bool) -> BoxFuture<'_, Delivery> {
        let function = function.to_string();
        Box::pin(async move {
            if is_async {
                self.queue(&function, payload).await
            } else {
                self.run(&function, payload).await
            }
        })
    }
}

fn function_missing(function: &str) -> Delivery {
    not_delivered(
        "FunctionNotFound",
        format!("function '{function}' does not exist"),
    )
}

fn not_delivered(code: &str, message: impl Into<String>) -> Delivery {
    Delivery::NotDelivered {
        code: code.to_string(),
        message: message.into(),
    }
}
