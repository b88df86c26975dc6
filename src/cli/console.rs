//! `s console`.

use super::Context;

pub fn run(_ctx: &Context) -> anyhow::Result<()> {
    super::not_implemented("console")
}
