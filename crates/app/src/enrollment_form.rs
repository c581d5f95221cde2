//! What the worker typed to enroll, checked before anything is sent: a pasted enrollment file,
//! or the Center's address and the one-time code. The code is read by the protocol's own reader
//! and the address by the sync engine's, so the form in the UI holds no copy of either rule; it
//! asks (`tidy_enrollment_code`) and shows the answer.

use first_contact_protocol::api::enrollment::{
    CodeRefusal, EnrollmentCode, EnrollmentFile, CODE_FORMAT,
};

use crate::error::AppError;
use crate::views::EnrollInput;

/// Where to enroll: the Center's address, the one-time code, and the Center's fingerprint when
/// an enrollment file gave one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentTarget {
    pub address: String,
    pub code: String,
    pub fingerprint: Option<String>,
}

/// The target, from a pasted enrollment file (which wins) or from the address and code, each
/// checked and put in the form the Center expects.
pub fn enrollment_target(input: &EnrollInput) -> Result<EnrollmentTarget, AppError> {
    if let Some(text) = input.enrollment_file.as_deref().map(str::trim) {
        if !text.is_empty() {
            let file =
                EnrollmentFile::from_text(text).map_err(|_| AppError::EnrollmentFileInvalid)?;
            return Ok(EnrollmentTarget {
                address: file.center_address,
                code: file.code,
                fingerprint: file.center_fingerprint,
            });
        }
    }
    if input.center_address.trim().is_empty() && input.code.trim().is_empty() {
        return Err(AppError::EnrollmentMissing);
    }
    let (address, _host) = first_contact_sync::http::check_address(&input.center_address)?;
    Ok(EnrollmentTarget {
        address,
        code: tidy_enrollment_code(&input.code)?,
        fingerprint: None,
    })
}

/// The code in its printed form (`ABCD-EFGH-…`), or why it cannot be a code.
pub fn tidy_enrollment_code(text: &str) -> Result<String, AppError> {
    EnrollmentCode::read(text)
        .map(|code| code.display())
        .map_err(|refusal| match refusal {
            CodeRefusal::EarlierForm => AppError::EnrollmentCodeEarlierForm,
            CodeRefusal::NotACode => AppError::EnrollmentCodeFormat {
                format: CODE_FORMAT.to_owned(),
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn form(address: &str, code: &str) -> EnrollInput {
        EnrollInput {
            center_address: address.into(),
            code: code.into(),
            enrollment_file: None,
        }
    }

    fn code_of(result: Result<EnrollmentTarget, AppError>) -> Option<ErrorCode> {
        result.err().map(|error| error.code())
    }

    #[test]
    fn the_address_and_code_are_checked_and_tidied_before_anything_is_sent() {
        let target = enrollment_target(&form(
            " https://c.example:8443/ ",
            "abcd efgh jkmn pqrs tvwx yzol",
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(target.address, "https://c.example:8443");
        assert_eq!(target.code, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01");
        assert_eq!(
            code_of(enrollment_target(&form(" ", ""))),
            Some(ErrorCode::EnrollmentMissing)
        );
        assert_eq!(
            code_of(enrollment_target(&form("http://c.example", "ABCD"))),
            Some(ErrorCode::SyncBadAddress)
        );
        assert_eq!(
            code_of(enrollment_target(&form("https://c.example", ""))),
            Some(ErrorCode::EnrollmentCodeFormat)
        );
        assert_eq!(
            code_of(enrollment_target(&form(
                "https://c.example",
                "ABCD-EFGH-JKMN-PQRS"
            ))),
            Some(ErrorCode::EnrollmentCodeEarlierForm)
        );
        let format = tidy_enrollment_code("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U")
            .err()
            .map(|e| e.to_api());
        assert_eq!(
            format
                .and_then(|api| api.params.get("format").cloned())
                .as_deref(),
            Some(CODE_FORMAT)
        );
    }

    #[test]
    fn a_pasted_file_wins_and_a_bad_one_is_refused() {
        let input = EnrollInput {
            center_address: "https://elsewhere.example".into(),
            code: "nonsense".into(),
            enrollment_file: Some("not an enrollment file".into()),
        };
        assert_eq!(
            code_of(enrollment_target(&input)),
            Some(ErrorCode::EnrollmentFileInvalid)
        );
    }

    /// The form shows the code's printed form as its placeholder; it reads it from the file
    /// this writes next to the generated types (`make test` fails if it is not committed).
    #[test]
    fn export_the_code_format_for_the_ui() {
        let directory = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|e| panic!("{e}"));
        let text = serde_json::to_string_pretty(&serde_json::json!({ "format": CODE_FORMAT }))
            .unwrap_or_else(|e| panic!("{e}"))
            + "\n";
        let path = std::path::Path::new(&directory).join("enrollmentCode.json");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
