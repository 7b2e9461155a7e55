//! A person's (or a case's) events as an SVG timeline: one row per event,
//! an exact day as a dot, an imprecise date as a bar spanning every day it
//! could be, so the drawing never claims more precision than the sources.

use crate::links;
use maud::{html, Markup};
use time::Month;
use vigil_core::{Date, Event};

use vigil_app::i18n::Lang;

const WIDTH: f64 = 960.0;
const LEFT: f64 = 16.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const ROW: f64 = 22.0;

/// A span drawn under the events (the status band of a term, say).
pub struct Band {
    pub label: String,
    pub start: Date,
    /// The first day it is certainly over, if known.
    pub end: Option<Date>,
    /// Drawn faded when the end is uncertain.
    pub end_uncertain: bool,
    pub class: &'static str,
}

fn year_start(y: i32) -> Date {
    Date::from_calendar_date(y, Month::January, 1).unwrap_or(Date::MIN)
}

/// The width of a character of 11-unit type, taken on the wide side
/// (Cyrillic capitals and "m" are wider than the mean) so that a label
/// measured to fit does fit.
const CHAR: f64 = 7.0;

/// The width a label takes, at most.
fn label_width(s: &str) -> f64 {
    CHAR * s.chars().count() as f64
}

/// The timeline, in a box that scrolls sideways on a narrow screen (the
/// drawing keeps a readable size), with its legend under it.
pub fn svg(lang: Lang, events: &[Event], bands: &[Band]) -> Markup {
    if events.is_empty() && bands.is_empty() {
        return html! { p.empty { (lang.tr("timeline-none")) } };
    }
    html! {
        div.timeline-scroll { (drawing(lang, events, bands)) }
        ul.legend {
            li { svg width="14" height="12" aria-hidden="true" { circle.exact cx="7" cy="6" r="5" {} } " " (lang.tr("timeline-legend-day")) }
            li { svg width="24" height="12" aria-hidden="true" { rect.span x="1" y="1" width="22" height="10" rx="3" {} } " " (lang.tr("timeline-legend-span")) }
            @if !bands.is_empty() {
                li { svg width="24" height="12" aria-hidden="true" { rect.certain x="1" y="1" width="22" height="10" {} } " " (lang.tr("timeline-legend-certain")) }
                li { svg width="24" height="12" aria-hidden="true" { rect.possible x="1" y="1" width="22" height="10" {} } " " (lang.tr("timeline-legend-possible")) }
            }
        }
    }
}

fn drawing(lang: Lang, events: &[Event], bands: &[Band]) -> Markup {
    let first_year = events
        .iter()
        .map(|e| e.date.earliest().year())
        .chain(bands.iter().map(|b| b.start.year()))
        .min()
        .unwrap_or(2000);
    let last_year = events
        .iter()
        .map(|e| e.date.latest().year())
        .chain(bands.iter().filter_map(|b| b.end.map(|d| d.year())))
        .max()
        .unwrap_or(first_year);
    let (start, end) = (year_start(first_year), year_start(last_year + 1));
    let span = (end - start).whole_days().max(1) as f64;
    let plot = WIDTH - LEFT - RIGHT;
    let x = |d: Date| LEFT + plot * ((d - start).whole_days() as f64 / span).clamp(0.0, 1.0);
    let band_top = TOP + ROW * events.len() as f64 + 8.0;
    let height = band_top + ROW * bands.len() as f64 + 8.0;
    let years: Vec<i32> = (first_year..=last_year + 1).collect();
    // Label every year when there are few, else every few years.
    let step = (years.len() / 12).max(1);

    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (WIDTH) " " (height) }
            aria-label=(lang.tr("timeline-title")) {
            title { (lang.tr("timeline-title")) }
            @for (i, y) in years.iter().enumerate() {
                @let gx = x(year_start(*y));
                line.grid x1=(gx) x2=(gx) y1="14" y2=(height) {}
                @if i % step == 0 && *y <= last_year {
                    text.year x=(gx + 3.0) y="12" { (y) }
                }
            }
            @for (row, e) in events.iter().enumerate() {
                @let cy = TOP + ROW * row as f64 + ROW / 2.0;
                @let x0 = x(e.date.earliest());
                @let x1 = x(e.date.latest().next_day().unwrap_or(e.date.latest()));
                @let (label, place) = event_label(&e.title, x0, x1.max(x0));
                a href=(links::href(vigil_core::RecordKind::Event, &e.id)) class={ "event " (e.event_type.as_str()) } {
                    title { (vigil_app::words::date_in(lang, &e.date)) ": " (e.title) }
                    @if e.date.exact().is_some() {
                        circle cx=(x0) cy=(cy) r="5" {}
                    } @else {
                        rect x=(x0) y=(cy - 5.0) width=((x1 - x0).max(3.0)) height="10" rx="3" {}
                    }
                    @match place {
                        Place::Right(at) => text x=(at) y=(cy + 4.0) { (label) },
                        Place::Left(at) => text x=(at) y=(cy + 4.0) text-anchor="end" { (label) },
                        Place::Inside(at) => text.inside x=(at) y=(cy + 4.0) { (label) },
                    }
                }
            }
            @for (row, b) in bands.iter().enumerate() {
                @let by = band_top + ROW * row as f64;
                @let bx0 = x(b.start);
                @let bx1 = b.end.map(x).unwrap_or(WIDTH - RIGHT);
                g class={ "band " (b.class) @if b.end_uncertain || b.end.is_none() { " open" } } {
                    title { (b.label) }
                    rect x=(bx0) y=(by) width=((bx1 - bx0).max(3.0)) height="14" {}
                    @let label = short(&b.label);
                    text x=((bx0 + 4.0).min(WIDTH - 2.0 - label_width(&label)).max(2.0)) y=(by + 11.0) { (label) }
                }
            }
        }
    }
}

/// Where an event's label is drawn: after its mark, before it, or over
/// its bar; the number is the text's `x` (its end when on the left).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Right(f64),
    Left(f64),
    Inside(f64),
}

/// An event's label and its place, so that no label is cut by the edge of
/// the drawing: after the mark when it fits there, else before it, else
/// over the bar (a long imprecise date leaves room neither side), else on
/// the roomiest of these, shortened to the room there is.
fn event_label(title: &str, x0: f64, x1: f64) -> (String, Place) {
    const GAP: f64 = 8.0;
    const EDGE: f64 = 2.0;
    let label = short(title);
    let width = label_width(&label);
    let right = WIDTH - EDGE - (x1 + GAP);
    let left = x0 - GAP - EDGE;
    let inside = x1 - x0 - 2.0 * 4.0;
    if width <= right {
        return (label, Place::Right(x1 + GAP));
    }
    if width <= left {
        return (label, Place::Left(x0 - GAP));
    }
    if width <= inside {
        return (label, Place::Inside(x0 + 4.0));
    }
    let (room, place) = if right >= left && right >= inside {
        (right, Place::Right(x1 + GAP))
    } else if left >= inside {
        (left, Place::Left(x0 - GAP))
    } else {
        (inside, Place::Inside(x0 + 4.0))
    };
    (fitted(title, room), place)
}

/// `s` shortened (with an ellipsis) to what `room` units hold.
fn fitted(s: &str, room: f64) -> String {
    let chars = ((room / CHAR) as usize).max(2);
    if s.chars().count() <= chars {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(chars - 1).collect();
        t.push('…');
        t
    }
}

fn short(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(MAX - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The label's extent, from its place and its measured width.
    fn extent(label: &str, place: Place) -> (f64, f64) {
        let w = label_width(label);
        match place {
            Place::Right(at) | Place::Inside(at) => (at, at + w),
            Place::Left(at) => (at - w, at),
        }
    }

    #[test]
    fn no_label_goes_past_either_edge() {
        let long = "Amin Eleusinov banned from leading trade unions";
        // A bar over most of the drawing (the case timeline's 2014-2019 ban),
        // one at the right edge, one at the left, a dot in the middle.
        for (x0, x1) in [
            (16.0, 800.0),
            (16.0, 944.0),
            (900.0, 944.0),
            (16.0, 40.0),
            (480.0, 480.0),
            (100.0, 860.0),
        ] {
            let (label, place) = event_label(long, x0, x1);
            let (a, b) = extent(&label, place);
            assert!(
                a >= 0.0 && b <= WIDTH,
                "{x0}-{x1}: {label:?} at {place:?} spans {a}-{b}"
            );
            if let Place::Inside(_) = place {
                assert!(b <= x1, "{x0}-{x1}: inside the bar");
            }
        }
        // Room after the mark: drawn there, whole.
        assert_eq!(event_label(long, 100.0, 100.0), (long.to_owned(), Place::Right(108.0)));
        // The long bar: over the bar, whole.
        assert_eq!(event_label(long, 16.0, 800.0), (long.to_owned(), Place::Inside(20.0)));
    }
}
