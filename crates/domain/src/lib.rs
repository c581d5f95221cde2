//! Pure rules of First Contact: the indicator catalogue and its loader, the help directory and
//! its loader, the screening and referral models, the age path (presumption of childhood),
//! field validation and the explainable assessment.
//!
//! Nothing here touches a file, a clock or the network: callers pass the date in.

pub mod age;
pub mod assessment;
pub mod catalogue;
mod data_file;
pub mod directory;
pub mod error;
pub mod notification;
pub mod paper_code;
pub mod passphrase;
pub mod profile;
pub mod referral;
pub mod screening;
pub mod text;
pub mod validation;

pub use age::{age_path, AgePath, AgePathKind, AgePathReason};
pub use assessment::{assess, Advice, Assessment, AssessmentInput, Verdict};
pub use catalogue::{Catalogue, IndicatorSet, Strength};
pub use error::{AssessmentError, CatalogueError, DirectoryError, NotificationError};
pub use profile::Profile;
pub use referral::{referral_path, validate_referral, Referral};
pub use screening::{
    AgencyType, ChildAct, Learnt, Observation, PersonBasics, Screening, ScreeningContext, Sex,
};
pub use text::{Language, Text};
pub use validation::{validate_screening, FieldIssue, IssueCode};
