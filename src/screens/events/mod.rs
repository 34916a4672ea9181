//! Networking days in the app: the F5 picker (choose, create with n, edit with e, delete an
//! empty day with d) and the form that makes or changes a day — title, date, start and end,
//! venue, district — prefilled from the last day there is.

pub mod view;

use chrono::{NaiveDate, NaiveTime};

use crate::i18n;
use crate::model::counts::DayCount;
use crate::model::dates::{DAY_END, DAY_START, DEFAULT_PLACE, parse_due, place_of, title_for};
use crate::model::{District, Event, EventStatus, Id, TextField as FieldKind, clean_line};
use crate::screens::unit::{Ask, Asker, Cx, Effect, Question, What};
use crate::screens::{Action, Modal, Step, Tone};
use crate::store::StoreError;
use crate::widgets::list::step;
use crate::widgets::{Form, TextField};

/// The F5 list of networking days, with how many came to each.
#[derive(Debug, PartialEq)]
pub struct EventPicker {
    pub selected: usize,
    /// Per day, by position in `App::events`: the day's numbers, as the desk shows them.
    pub counts: Vec<DayCount>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EventField {
    #[default]
    Title,
    Date,
    Start,
    End,
    Venue,
    District,
}

impl EventField {
    pub const ALL: [EventField; 6] = [
        EventField::Title,
        EventField::Date,
        EventField::Start,
        EventField::End,
        EventField::Venue,
        EventField::District,
    ];
}

/// Creating (`id` None) or changing a networking day.
#[derive(Clone, Debug, PartialEq)]
pub struct EventForm {
    pub id: Option<Id>,
    pub form: Form<EventField>,
    pub title: TextField,
    pub date: TextField,
    pub start: TextField,
    pub end: TextField,
    pub venue: TextField,
    pub district: District,
    /// The title is the one made from the date (it follows the date until typed over).
    title_auto: bool,
    original: Vec<String>,
}

fn hhmm(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

impl EventForm {
    /// A new day on `date`, with the hours, venue and district of `last` (the latest day).
    pub fn new_day(date: NaiveDate, last: Option<&Event>) -> EventForm {
        let place = last
            .and_then(|e| place_of(&e.title))
            .unwrap_or(DEFAULT_PLACE);
        let mut f = EventForm {
            id: None,
            form: Form::default(),
            title: TextField::with(FieldKind::Title, &title_for(date, place)),
            date: TextField::with(FieldKind::Short, &date.format("%Y-%m-%d").to_string()),
            start: TextField::with(
                FieldKind::Short,
                &hhmm(last.and_then(|e| e.start).or(Some(DAY_START))),
            ),
            end: TextField::with(
                FieldKind::Short,
                &hhmm(last.and_then(|e| e.end).or(Some(DAY_END))),
            ),
            venue: TextField::with(
                FieldKind::Short,
                last.map(|e| e.venue.as_str()).unwrap_or(""),
            ),
            district: last.map(|e| e.district).unwrap_or_default(),
            title_auto: true,
            original: Vec::new(),
        };
        f.original = f.values();
        f
    }

    pub fn edit(e: &Event) -> EventForm {
        let mut f = EventForm {
            id: Some(e.id),
            form: Form::default(),
            title: TextField::with(FieldKind::Title, &e.title),
            date: TextField::with(FieldKind::Short, &e.date.format("%Y-%m-%d").to_string()),
            start: TextField::with(FieldKind::Short, &hhmm(e.start)),
            end: TextField::with(FieldKind::Short, &hhmm(e.end)),
            venue: TextField::with(FieldKind::Short, &e.venue),
            district: e.district,
            title_auto: false,
            original: Vec::new(),
        };
        f.original = f.values();
        f
    }

    fn values(&self) -> Vec<String> {
        let mut v: Vec<String> = [&self.title, &self.date, &self.start, &self.end, &self.venue]
            .map(|t| t.value().to_string())
            .to_vec();
        v.push(format!("{:?}", self.district));
        v
    }

    pub fn is_dirty(&self) -> bool {
        self.values() != self.original
    }
}

/// The event to open: today's, else the next upcoming, else the latest.
pub fn default_event(events: &[Event], today: NaiveDate) -> Option<&Event> {
    events
        .iter()
        .find(|e| e.date == today)
        .or_else(|| {
            events
                .iter()
                .filter(|e| e.date > today)
                .min_by_key(|e| e.date)
        })
        .or_else(|| events.iter().max_by_key(|e| e.date))
}

impl EventPicker {
    /// The F5 list on the current day, with each day's numbers.
    pub fn open(cx: &Cx) -> Result<Modal, StoreError> {
        let selected = cx
            .event
            .and_then(|e| cx.events.iter().position(|x| x.id == e.id))
            .unwrap_or(0);
        let mut counts = Vec::with_capacity(cx.events.len());
        for e in cx.events {
            counts.push(cx.data.day_count(e.id)?);
        }
        Ok(Modal::EventPicker(Box::new(EventPicker {
            selected,
            counts,
        })))
    }

    pub fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        if let Some(k) = crate::screens::list_key(&action) {
            self.selected = step(self.selected, k, cx.events.len());
            return Ok(Effect::keep());
        }
        let chosen = cx.events.get(self.selected).cloned();
        Ok(match (action, chosen) {
            (Action::Cancel | Action::PickEvent, _) => Effect::close(),
            (Action::Submit, Some(e)) => Effect::close().to_day(Some(e)),
            (Action::NewEvent, _) => Effect::open(new_event_form(cx)),
            (Action::Edit, Some(e)) => {
                Effect::open(Modal::EventForm(Box::new(EventForm::edit(&e))))
            }
            (Action::Delete, Some(e)) => {
                if cx.data.event_holds_anything(e.id)? {
                    cx.say(Tone::Warn, i18n::event_not_empty(&e.title));
                    Effect::keep()
                } else {
                    Effect::ask(Ask::new(
                        Asker::App,
                        Question::DeleteEvent(e.id),
                        i18n::DELETE_EVENT_TITLE.get(),
                        i18n::confirm_delete_event(&crate::widgets::paint::event_label(&e)),
                    ))
                }
            }
            _ => Effect::keep(),
        })
    }
}

/// The form for a new day: today if there is none today yet, else the same weekday a month
/// after the latest day.
pub fn new_event_form(cx: &Cx) -> Modal {
    let today = cx.now.local_date();
    let last = cx.events.iter().max_by_key(|e| e.date);
    let date = match last {
        Some(l) if l.date >= today => {
            crate::model::dates::same_weekday_next_month(l.date).unwrap_or(l.date)
        }
        _ => today,
    };
    Modal::EventForm(Box::new(EventForm::new_day(date, last)))
}

/// Deletes the empty day `id` (the answer to its question); another day becomes the current
/// one when it was.
pub fn delete_event(cx: &mut Cx, id: Id) -> Result<Effect, StoreError> {
    let title = cx
        .events
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.title.clone())
        .unwrap_or_default();
    if !cx.data.delete_empty_event(id)? {
        cx.say(Tone::Warn, i18n::event_not_empty(&title));
        return Ok(Effect::close());
    }
    cx.say(Tone::Info, i18n::event_deleted(&title));
    let mut effect = Effect::close().changed(What::EVENTS);
    if cx.event_id() == Some(id) {
        let events = cx.data.events()?;
        let next = default_event(&events, cx.now.local_date()).cloned();
        effect = effect.to_day(next);
    }
    Ok(effect)
}

impl EventForm {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let f = self;
        let dirty = f.is_dirty();
        let focus = f.form.focus;
        let text = match focus {
            EventField::Title => Some(&mut f.title),
            EventField::Date => Some(&mut f.date),
            EventField::Start => Some(&mut f.start),
            EventField::End => Some(&mut f.end),
            EventField::Venue => Some(&mut f.venue),
            EventField::District => None,
        };
        let step =
            crate::screens::text_form_keys(&mut f.form, &EventField::ALL, dirty, text, &action);
        match step {
            Step::Typed(e) => {
                if cx.edited(Some(e)) {
                    match focus {
                        EventField::Title => f.title_auto = false,
                        // A title made from the date follows it.
                        EventField::Date if f.title_auto => {
                            if let Some(d) = parse_due(&f.date, cx.now.local_date()) {
                                let place = place_of(&f.title).unwrap_or(DEFAULT_PLACE).to_string();
                                f.title.set(&title_for(d, &place));
                            }
                        }
                        _ => {}
                    }
                }
            }
            Step::Close => return Ok(Effect::close()),
            Step::Pass => match action {
                Action::Left | Action::Right if focus == EventField::District => {
                    f.district =
                        crate::screens::cycle(&District::ALL, f.district, action == Action::Right);
                }
                Action::Input(ch) if focus == EventField::District => {
                    if let Some(d) = ch
                        .to_digit(10)
                        .and_then(|d| District::ALL.get((d as usize).wrapping_sub(1)))
                    {
                        f.district = *d;
                    }
                }
                Action::Submit => return f.save(cx),
                _ => {}
            },
            Step::Took(_) | Step::Moved => {}
        }
        Ok(Effect::keep())
    }

    fn save(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let f = self;
        let title = clean_line(&f.title);
        let date = parse_due(&f.date, cx.now.local_date());
        let time = |t: &TextField| {
            let t = t.trim();
            if t.is_empty() {
                Ok(None)
            } else {
                crate::model::dates::parse_hhmm(t).map(Some).ok_or(())
            }
        };
        let (start, end) = (time(&f.start), time(&f.end));
        let problem = if title.is_empty() {
            Some((EventField::Title, i18n::EVENT_TITLE_REQUIRED))
        } else if date.is_none() {
            Some((EventField::Date, i18n::EVENT_BAD_DATE))
        } else if start.is_err() {
            Some((EventField::Start, i18n::AGENDA_BAD_TIME))
        } else if end.is_err() {
            Some((EventField::End, i18n::AGENDA_BAD_TIME))
        } else if let (Ok(Some(s)), Ok(Some(e))) = (start, end)
            && e <= s
        {
            Some((EventField::End, i18n::EVENT_END_BEFORE_START))
        } else {
            None
        };
        if let Some((field, why)) = problem {
            f.form.refuse(field, why.get());
            return Ok(Effect::keep());
        }
        let (Some(date), Ok(start), Ok(end)) = (date, start, end) else {
            return Ok(Effect::keep());
        };
        let mut e = match f.id.and_then(|id| cx.events.iter().find(|e| e.id == id)) {
            Some(e) => e.clone(),
            None => Event {
                id: 0,
                title: String::new(),
                date,
                start: None,
                end: None,
                venue: String::new(),
                district: District::Other,
                status: EventStatus::Planned,
            },
        };
        e.title = title;
        e.date = date;
        e.start = start;
        e.end = end;
        e.venue = clean_line(&f.venue);
        e.district = f.district;
        cx.data.save_event(&mut e)?;
        let created = f.id.is_none();
        cx.say(Tone::Good, i18n::event_saved(&e.title, created));
        // A new day, or the current one changed, is the day the app works on.
        let current = cx.event_id() == Some(e.id);
        let effect = Effect::close().changed(What::EVENTS);
        Ok(if created || current {
            effect.to_day(Some(e))
        } else {
            effect
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_follows_its_date_and_keeps_its_place() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap_or_default();
        assert_eq!(
            title_for(d, "서울"),
            "2026년 12월 서울 협동조합 네트워킹데이"
        );
        assert_eq!(
            place_of("2026년 11월 노원 협동조합 네트워킹데이"),
            Some("노원")
        );
        assert_eq!(place_of("송년회"), None);
    }
}
