//! The child path: the act and the purpose suffice, no means is ever required, and any sign of
//! exploitation brings the duty to notify the Centre for Social Work. A table of cases over the
//! synthetic catalogue, then the same cases over the built-in one.

use super::*;

use ChildAct::{No, NotKnown, Yes};

/// One EX indicator alone: a single sign of exploitation.
const EX_ALONE: &[&str] = &["EX.m1"];
/// EX and CD both positive.
const EX_AND_CD: &[&str] = &["EX.s1", "EX.m1", "CD.s1", "CD.s2"];
/// Deceptive and coercive recruitment, nothing about exploitation.
const MEANS_ONLY: &[&str] = &["DR.s1", "DR.s2", "CR.s1", "CR.s2", "AVR.s1", "AVR.s2"];

struct Case {
    name: &'static str,
    act: Option<ChildAct>,
    keys: &'static [&'static str],
    verdict: Verdict,
    advice: &'static [Advice],
}

const CASES: &[Case] = &[
    Case {
        name: "EX alone, act yes",
        act: Some(Yes),
        keys: EX_ALONE,
        verdict: Verdict::IndicatorsPresent,
        advice: &[
            Advice::ReferToCenter,
            Advice::NotifySocialWork,
            Advice::MeansNotRequired,
        ],
    },
    Case {
        name: "EX alone, act not known",
        act: Some(NotKnown),
        keys: EX_ALONE,
        verdict: Verdict::IndicatorsPresent,
        advice: &[
            Advice::ReferToCenter,
            Advice::NotifySocialWork,
            Advice::ActNotEstablished,
            Advice::MeansNotRequired,
        ],
    },
    Case {
        name: "EX alone, act not answered",
        act: None,
        keys: EX_ALONE,
        verdict: Verdict::IndicatorsPresent,
        advice: &[
            Advice::ReferToCenter,
            Advice::NotifySocialWork,
            Advice::ActNotEstablished,
            Advice::ActUnanswered,
            Advice::MeansNotRequired,
        ],
    },
    Case {
        name: "EX alone, act no",
        act: Some(No),
        keys: EX_ALONE,
        verdict: Verdict::NotEnoughIndicators,
        advice: &[Advice::NotifySocialWork, Advice::MeansNotRequired],
    },
    Case {
        name: "EX and CD, act yes",
        act: Some(Yes),
        keys: EX_AND_CD,
        verdict: Verdict::IndicatorsPresent,
        advice: &[
            Advice::ReferToCenter,
            Advice::NotifySocialWork,
            Advice::MeansNotRequired,
        ],
    },
    Case {
        name: "CD positive without EX, act yes",
        act: Some(Yes),
        keys: &["CD.s1", "CD.s2"],
        verdict: Verdict::IndicatorsPresent,
        advice: &[
            Advice::ReferToCenter,
            Advice::NotifySocialWork,
            Advice::MeansNotRequired,
        ],
    },
    Case {
        name: "one exploitation-type CD indicator, act yes",
        act: Some(Yes),
        keys: &["CD.m3"],
        verdict: Verdict::IndicatorsPresent,
        advice: &[
            Advice::ReferToCenter,
            Advice::NotifySocialWork,
            Advice::MeansNotRequired,
        ],
    },
    Case {
        name: "one other CD indicator, act yes",
        act: Some(Yes),
        keys: &["CD.m1"],
        verdict: Verdict::NotEnoughIndicators,
        advice: &[Advice::MeansNotRequired],
    },
    Case {
        name: "means only, act yes",
        act: Some(Yes),
        keys: MEANS_ONLY,
        verdict: Verdict::NotEnoughIndicators,
        advice: &[Advice::MeansNotRequired],
    },
    Case {
        name: "nothing, act yes",
        act: Some(Yes),
        keys: &[],
        verdict: Verdict::NotEnoughIndicators,
        advice: &[Advice::MeansNotRequired],
    },
];

#[test]
fn child_cases_follow_the_act_and_purpose_rule() {
    for case in CASES {
        // The set does not matter: the path picks the rule.
        for set in ["children", "adults"] {
            let a = run_on(set, AgePathKind::Child, case.act, case.keys);
            assert_eq!(a.verdict, case.verdict, "{} ({set})", case.name);
            assert_eq!(a.advice, case.advice, "{} ({set})", case.name);
            assert_eq!(
                a.combination.as_ref().map(|c| c.rule.as_str()),
                Some("children"),
                "{}",
                case.name
            );
        }
    }
}

#[test]
fn an_adult_is_judged_by_the_adults_rule_whatever_set_is_open() {
    for set in ["children", "adults"] {
        let a = run_on(set, AgePathKind::Adult, Some(Yes), EX_AND_CD);
        assert_eq!(a.verdict, Verdict::NotEnoughIndicators, "{set}");
        assert_eq!(a.advice, Vec::<Advice>::new());
        assert_eq!(a.duty_of_care, None);
        assert_eq!(a.combination.map(|c| c.rule), Some("adults".into()));
    }
}

#[test]
fn for_a_child_the_means_dimensions_are_context_never_required() {
    let a = run_on("children", AgePathKind::Child, Some(Yes), MEANS_ONLY);
    assert_eq!(a.context_dimensions, ["DR", "CR", "AVR", "AVD"]);
    for means in ["DR", "CR", "AVR"] {
        assert_eq!(dimension(&a, means).positive, Some(true), "{means}");
    }
    let adult = run_on("adults", AgePathKind::Adult, None, MEANS_ONLY);
    assert_eq!(adult.context_dimensions, Vec::<String>::new());
}

#[test]
fn the_trace_shows_the_act_answer_and_the_signs_that_met_the_rule() {
    let a = run_on(
        "children",
        AgePathKind::Child,
        None,
        &["EX.m1", "CD.m3", "CD.m1"],
    );
    let trace = a
        .combination
        .map(|c| c.trace)
        .unwrap_or_else(|| panic!("rule"));
    let act = &trace.children[0];
    assert_eq!(
        (act.kind, act.act, act.satisfied),
        (TraceKind::Act, Some(NotKnown), true)
    );
    let observed = &trace.children[1].children[2];
    assert_eq!(observed.kind, TraceKind::Observed);
    assert_eq!(observed.asked, ["EX", "CD.m3"]);
    assert_eq!(observed.matched, ["EX.m1", "CD.m3"]);
    let care = a.duty_of_care.unwrap_or_else(|| panic!("duty of care"));
    assert!(care.satisfied);
}

/// The built-in catalogue, the example: a 16-year-old working 14-hour days for almost
/// nothing, whose papers are held, with nothing said about who brought them to the work.
#[test]
fn built_in_child_rule_refers_an_exploited_child_without_any_means() {
    let catalogue = crate::catalogue::built_in().unwrap_or_else(|e| panic!("{e}"));
    let assess_child = |act: Option<ChildAct>, keys: &[&str]| {
        let observations = observe(keys);
        let input = AssessmentInput {
            set_id: "ilo-children-labour",
            path: AgePathKind::Child,
            child_act: act,
            observations: &observations,
        };
        assess(&catalogue, &input).unwrap_or_else(|e| panic!("{e}"))
    };
    let example = ["EX.excessive-hours", "EX.low-pay", "CD.documents"];
    for act in [None, Some(NotKnown), Some(Yes)] {
        let a = assess_child(act, &example);
        assert_eq!(a.verdict, Verdict::IndicatorsPresent, "{act:?}");
        assert!(a.advice.contains(&Advice::NotifySocialWork));
        for means in ["DR", "CR", "AVR"] {
            assert_eq!(dimension(&a, means).positive, Some(false));
        }
    }
    let refused_act = assess_child(Some(No), &example);
    assert_eq!(refused_act.verdict, Verdict::NotEnoughIndicators);
    assert!(refused_act.advice.contains(&Advice::NotifySocialWork));
    // A single sign of exploitation is enough for a child.
    for single in [
        "EX.hazardous-work",
        "CD.illicit-activities",
        "CD.forced-tasks",
    ] {
        let a = assess_child(Some(Yes), &[single]);
        assert_eq!(a.verdict, Verdict::IndicatorsPresent, "{single}");
    }
    // Recruitment means without exploitation are not enough.
    let means = assess_child(
        Some(Yes),
        &["DR.nature-of-job", "CR.violence", "AVR.irregular-status"],
    );
    assert_eq!(means.verdict, Verdict::NotEnoughIndicators);
    assert_eq!(means.advice, [Advice::MeansNotRequired]);
}
