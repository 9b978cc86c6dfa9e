//! The evidence tables: `signed_acts` (one row per act, its place in the log) and `tree_heads`
//! (the log's signed heads).

pub mod signed_act;
pub mod tree_head;
