//! What follows from a referral's journey, decided once here so that the UI only shows it:
//! which reconsideration requests are still open, whether the Center has the referral, what it
//! waits for next, and whether a reconsideration may be asked.

use first_contact_domain::referral::JourneyState;

use crate::views::{OutboxEntry, Waiting};

impl OutboxEntry {
    /// What follows from the journey, decided here once so the UI only shows it: which
    /// requests are still open, whether the Center has the referral, what it waits for next,
    /// and whether a reconsideration may be asked (after a decision other than identified,
    /// while no request about it is open).
    pub(crate) fn with_journey_facts(mut self) -> Self {
        for request in &mut self.reconsiderations {
            request.open = !self
                .decisions
                .iter()
                .any(|decision| decision.answers.as_deref() == Some(request.id.as_str()));
        }
        self.delivered = self.center_reference.is_some()
            || self.delivered_at.is_some()
            || matches!(self.state, JourneyState::Delivered | JourneyState::Decided)
            || !self.decisions.is_empty();
        let needs_attention = |attention: &Option<String>, state: JourneyState| {
            attention.is_some() || state == JourneyState::NeedsAttention
        };
        let open_request = self.reconsiderations.iter().find(|request| request.open);
        self.waiting_for = if needs_attention(&self.attention, self.state) {
            None
        } else if !self.delivered {
            Some(Waiting::Delivery)
        } else if self.decisions.is_empty() {
            Some(Waiting::Decision)
        } else {
            open_request
                .filter(|request| !needs_attention(&request.attention, request.state))
                .map(|_| Waiting::Answer)
        };
        self.can_request_reconsideration = self
            .decisions
            .last()
            .is_some_and(|latest| latest.outcome.allows_reconsideration())
            && open_request.is_none();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::{DecisionView, ReconsiderationEntry};
    use first_contact_domain::referral::Urgency;
    use first_contact_domain::AgePathKind;
    use first_contact_protocol::api::feedback::DecisionOutcome;

    fn queued() -> OutboxEntry {
        OutboxEntry {
            id: "r1".into(),
            reference: "FC-AAAA-BBBB".into(),
            finalised_at: "2026-03-05T10:00:00Z".into(),
            urgency: Urgency::Urgent,
            path: AgePathKind::Adult,
            catalogue_version: "1".into(),
            state: JourneyState::Queued,
            attempts: 0,
            center_reference: None,
            delivered_at: None,
            attention: None,
            decisions: vec![],
            reconsiderations: vec![],
            can_request_reconsideration: false,
            delivered: false,
            waiting_for: None,
        }
    }

    fn delivered() -> OutboxEntry {
        OutboxEntry {
            state: JourneyState::Delivered,
            center_reference: Some("C-1".into()),
            delivered_at: Some("2026-03-05T11:00:00Z".into()),
            ..queued()
        }
    }

    fn decision(id: &str, outcome: DecisionOutcome, answers: Option<&str>) -> DecisionView {
        DecisionView {
            decision_id: id.into(),
            outcome,
            reasons: String::new(),
            criteria_version: "c1".into(),
            decided_at: "2026-03-06T00:00:00Z".into(),
            answers: answers.map(str::to_owned),
        }
    }

    fn request(id: &str, state: JourneyState, attention: Option<&str>) -> ReconsiderationEntry {
        ReconsiderationEntry {
            id: id.into(),
            reference: format!("FC-{id}"),
            requested_at: "2026-03-07T00:00:00Z".into(),
            state,
            open: true,
            center_reference: None,
            delivered_at: None,
            attention: attention.map(str::to_owned),
        }
    }

    #[test]
    fn delivery_then_a_decision_then_an_answer() {
        let facts = |entry: OutboxEntry| entry.with_journey_facts();
        let waiting = queued().with_journey_facts();
        assert!(!waiting.delivered);
        assert_eq!(waiting.waiting_for, Some(Waiting::Delivery));
        assert!(
            facts(OutboxEntry {
                state: JourneyState::Delivered,
                ..queued()
            })
            .delivered
        );
        assert!(
            facts(OutboxEntry {
                center_reference: Some("C".into()),
                ..queued()
            })
            .delivered
        );

        assert_eq!(facts(delivered()).waiting_for, Some(Waiting::Decision));
        let decided = OutboxEntry {
            state: JourneyState::Decided,
            decisions: vec![decision("d1", DecisionOutcome::NotIdentified, None)],
            ..delivered()
        };
        let shown = facts(decided.clone());
        assert_eq!(shown.waiting_for, None);
        assert!(shown.can_request_reconsideration);

        let asked = OutboxEntry {
            reconsiderations: vec![request("q1", JourneyState::Queued, None)],
            ..decided.clone()
        };
        let shown = facts(asked.clone());
        assert!(shown.reconsiderations[0].open);
        assert_eq!(shown.waiting_for, Some(Waiting::Answer));
        assert!(
            !shown.can_request_reconsideration,
            "one open request at a time"
        );

        let mut answered = asked;
        answered
            .decisions
            .push(decision("d2", DecisionOutcome::NotIdentified, Some("q1")));
        let shown = facts(answered);
        assert!(!shown.reconsiderations[0].open);
        assert_eq!(shown.waiting_for, None);
        assert!(shown.can_request_reconsideration);
    }

    #[test]
    fn nothing_is_awaited_while_the_center_refused_it() {
        let refused = OutboxEntry {
            state: JourneyState::NeedsAttention,
            attention: Some("conflict".into()),
            ..queued()
        };
        assert_eq!(refused.with_journey_facts().waiting_for, None);
        let refused_request = OutboxEntry {
            decisions: vec![decision("d1", DecisionOutcome::NotIdentified, None)],
            reconsiderations: vec![request(
                "q1",
                JourneyState::NeedsAttention,
                Some("conflict"),
            )],
            ..delivered()
        };
        assert_eq!(refused_request.with_journey_facts().waiting_for, None);
    }

    #[test]
    fn an_identified_person_is_not_asked_to_reconsider() {
        let identified = OutboxEntry {
            decisions: vec![decision("d1", DecisionOutcome::Identified, None)],
            ..delivered()
        };
        assert!(!identified.with_journey_facts().can_request_reconsideration);
    }
}
