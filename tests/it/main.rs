//! The one integration test binary: every test drives the real `s` executable, and engine
//! tests start a real engine on a free loopback port with a temporary state directory.

mod common;

mod asyncq;
mod build;
mod cli;
mod coming_from_devs;
mod completions;
mod console;
mod domains;
mod engine;
mod engine_api;
#[path = "../../src/engine/store/forge_crc.rs"]
mod forge_crc;
mod init;
mod instance_network;
mod instance_privileges;
mod isolation;
mod jwt;
mod kafka;
#[path = "../../src/engine/triggers/kafka/test_broker.rs"]
mod kafka_broker;
mod limits;
mod local;
mod manifest;
mod observe;
mod official_layers;
mod openapi;
mod package;
mod public_projects;
mod remote;
mod sdk;
mod state_safety;
mod templates;
mod triggers;
mod versions;
mod web_safety;
