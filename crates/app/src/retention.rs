//! How long screenings stay on the laptop (data minimisation): the worker deletes one, a
//! finalised referral takes its screening with it (in the store's finalise), and screenings never
//! referred go once they are older than the retention period — checked at every unlock and
//! whenever the period changes.

use chrono::Duration;
use first_contact_store::{profile, screenings};
use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::App;

pub use first_contact_store::profile::SCREENING_RETENTION_DAYS;

/// The retention period in force and the bounds the worker may choose within.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScreeningRetention {
    pub days: u32,
    pub min_days: u32,
    pub max_days: u32,
}

impl ScreeningRetention {
    fn of(days: u32) -> Self {
        Self {
            days,
            min_days: *SCREENING_RETENTION_DAYS.start(),
            max_days: *SCREENING_RETENTION_DAYS.end(),
        }
    }
}

impl App {
    /// Deletes a screening for good (the UI asks the worker to confirm first).
    pub fn delete_screening(&mut self, id: &str) -> Result<(), AppError> {
        screenings::delete(&self.session()?.connection, id)?;
        Ok(())
    }

    /// Days a screening that was never referred is kept.
    pub fn screening_retention(&mut self) -> Result<ScreeningRetention, AppError> {
        let days = profile::screening_retention_days(&self.session()?.connection)?;
        Ok(ScreeningRetention::of(days))
    }

    /// Changes the period and applies it at once; returns the period now in force.
    pub fn set_screening_retention_days(
        &mut self,
        days: u32,
    ) -> Result<ScreeningRetention, AppError> {
        if !SCREENING_RETENTION_DAYS.contains(&days) {
            return Err(AppError::InvalidInput {
                field: "screening_retention_days".into(),
            });
        }
        profile::set_screening_retention_days(&self.session()?.connection, days)?;
        self.delete_expired_screenings()?;
        Ok(ScreeningRetention::of(days))
    }

    /// Deletes the screenings never referred whose last change is older than the period.
    pub(crate) fn delete_expired_screenings(&mut self) -> Result<usize, AppError> {
        let now = self.clock.now();
        let session = self.session()?;
        let days = profile::screening_retention_days(&session.connection)?;
        let cutoff = now - Duration::days(i64::from(days));
        Ok(screenings::delete_unreferred_before(
            &mut session.connection,
            cutoff,
        )?)
    }
}
