//! Seats and the waiting list (issue 4's rules, pure): accepting a referral
//! enrols while there is a seat and waitlists otherwise; a freed seat goes to
//! the first on the waiting list, first come by acceptance time, unless a
//! coordinator moved someone up with a written reason.

use serde::Serialize;

/// What accepting a referral did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Enrolment {
    Enrolled,
    Waitlisted,
}

/// The outcome of an accept with `enrolled` people already holding seats.
/// The database applies it in the transaction that holds the group's lock, so
/// `enrolled` cannot change between the count and the insert.
pub fn on_accept(capacity: u32, enrolled: u32) -> Enrolment {
    if enrolled < capacity {
        Enrolment::Enrolled
    } else {
        Enrolment::Waitlisted
    }
}

/// A place on the waiting list: `accepted_at` orders it, `moved_up_at` (set
/// when a coordinator moves someone up, with a reason) puts it before everyone
/// who was not moved, and the id breaks ties so the order is total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingPlace {
    pub id: String,
    pub accepted_at: i64,
    pub moved_up_at: Option<i64>,
}

impl WaitingPlace {
    /// Moved-up places first (in the order they were moved), then by acceptance.
    pub fn order_key(&self) -> (u8, i64, &str) {
        match self.moved_up_at {
            Some(t) => (0, t, &self.id),
            None => (1, self.accepted_at, &self.id),
        }
    }
}

/// Who gets `free` seats: the first `free` on the waiting list, in its order
/// (`place` tells each item's place).
pub fn promote<T>(mut waiting: Vec<T>, free: usize, place: impl Fn(&T) -> &WaitingPlace) -> Vec<T> {
    waiting.sort_by(|a, b| place(a).order_key().cmp(&place(b).order_key()));
    waiting.truncate(free);
    waiting
}

/// Moving someone up the list needs a written reason (shown in the roster).
pub fn parse_move_up_reason(s: &str) -> Result<String, &'static str> {
    crate::people::clean_multiline(s, 3, 1000).map_err(|e| {
        if e == "error-required" {
            "error-move-up-reason-required"
        } else {
            e
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn place(id: &str, accepted_at: i64, moved_up_at: Option<i64>) -> WaitingPlace {
        WaitingPlace {
            id: id.into(),
            accepted_at,
            moved_up_at,
        }
    }

    #[test]
    fn seats_then_the_waiting_list() {
        assert_eq!(on_accept(10, 9), Enrolment::Enrolled);
        assert_eq!(on_accept(10, 10), Enrolment::Waitlisted);
        // A capacity lowered below the enrolled (refused elsewhere) still never adds a seat.
        assert_eq!(on_accept(10, 12), Enrolment::Waitlisted);
    }

    #[test]
    fn first_come_unless_moved_up_with_a_reason() {
        let list = [
            place("b", 20, None),
            place("a", 10, None),
            place("c", 30, None),
        ];
        let ids = |v: Vec<WaitingPlace>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(promote(list.to_vec(), 1, |p| p)), ["a"]);
        assert_eq!(ids(promote(list.to_vec(), 2, |p| p)), ["a", "b"]);
        let moved = [place("a", 10, None), place("c", 30, Some(40))];
        assert_eq!(ids(promote(moved.to_vec(), 1, |p| p)), ["c"]);
        assert!(promote(Vec::<WaitingPlace>::new(), 3, |p| p).is_empty());
        assert_eq!(
            parse_move_up_reason("  "),
            Err("error-move-up-reason-required")
        );
        assert!(parse_move_up_reason("Pääsee vain tähän ryhmään").is_ok());
    }

    #[derive(Debug, Clone)]
    enum Step {
        Accept,
        Withdraw(usize),
    }

    fn steps() -> impl Strategy<Value = Vec<Step>> {
        prop::collection::vec(
            prop_oneof![3 => Just(Step::Accept), 1 => (0usize..50).prop_map(Step::Withdraw)],
            0..200,
        )
    }

    proptest! {
        /// Any sequence of accepts and withdrawals: never more enrolled than
        /// seats, nobody waits while a seat is free, and promotion is first come.
        #[test]
        fn the_group_is_never_overbooked(capacity in 1u32..15, steps in steps()) {
            let mut enrolled: Vec<usize> = vec![];
            let mut waiting: Vec<WaitingPlace> = vec![];
            let mut promoted_order: Vec<i64> = vec![];
            for (t, step) in steps.into_iter().enumerate() {
                match step {
                    Step::Accept => match on_accept(capacity, enrolled.len() as u32) {
                        Enrolment::Enrolled => enrolled.push(t),
                        Enrolment::Waitlisted => waiting.push(place(&format!("{t:05}"), t as i64, None)),
                    },
                    Step::Withdraw(i) if !enrolled.is_empty() => {
                        enrolled.remove(i % enrolled.len());
                        if let Some(next) = promote(waiting.clone(), 1, |p| p).pop() {
                            waiting.retain(|w| w.id != next.id);
                            promoted_order.push(next.accepted_at);
                            enrolled.push(next.accepted_at as usize);
                        }
                    }
                    Step::Withdraw(_) => {}
                }
                prop_assert!(enrolled.len() as u32 <= capacity);
                prop_assert!(waiting.is_empty() || enrolled.len() as u32 == capacity);
            }
            prop_assert!(promoted_order.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
