//! `?limit=&cursor=` keyset pagination. Ids are UUIDv7, so ordering by id is ordering by creation.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{AppError, ErrorCode};

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1–100 (larger values are capped at 100); default 20.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl PageQuery {
    pub fn limit(&self) -> Result<i64, AppError> {
        match self.limit {
            Some(0) => {
                Err(AppError::new(ErrorCode::InvalidQuery).detail("limit must be at least 1"))
            }
            Some(n) => Ok(i64::from(n.min(MAX_LIMIT))),
            None => Ok(i64::from(DEFAULT_LIMIT)),
        }
    }

    fn raw_cursor(&self) -> Result<Option<String>, AppError> {
        let Some(c) = &self.cursor else {
            return Ok(None);
        };
        let bytes = URL_SAFE_NO_PAD
            .decode(c)
            .map_err(|_| AppError::new(ErrorCode::InvalidQuery).detail("cursor is not valid"))?;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| AppError::new(ErrorCode::InvalidQuery).detail("cursor is not valid"))
    }

    pub fn uuid_cursor(&self) -> Result<Option<Uuid>, AppError> {
        self.raw_cursor()?
            .map(|s| {
                Uuid::parse_str(&s).map_err(|_| {
                    AppError::new(ErrorCode::InvalidQuery).detail("cursor is not valid")
                })
            })
            .transpose()
    }

    pub fn i64_cursor(&self) -> Result<Option<i64>, AppError> {
        self.raw_cursor()?
            .map(|s| {
                s.parse::<i64>().map_err(|_| {
                    AppError::new(ErrorCode::InvalidQuery).detail("cursor is not valid")
                })
            })
            .transpose()
    }
}

pub fn encode_cursor(value: impl ToString) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

/// Builds a page from `limit + 1` fetched rows: the extra row only says there is more.
pub fn page<R, T: ToSchema>(
    mut rows: Vec<R>,
    limit: i64,
    cursor_of: impl Fn(&R) -> String,
    map: impl FnMut(R) -> T,
) -> Page<T> {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let next_cursor = if more {
        rows.last().map(|r| encode_cursor(cursor_of(r)))
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(map).collect(),
        next_cursor,
    }
}
