//! `/api/v1/countries/{iso2}`, `/countries/{iso2}/briefing` and
//! `/countries/{iso2}/rating?year=YYYY`: a country's accountability record.

use axum::Json;
use serde::Serialize;
use vigil_core::accountability::{CountedEvent, Coverage, GroupScore};
use vigil_core::{Assessment, Pledge, Rating, RatingRule, Recommendation, RecordId, Review};
use vigil_store::Store;

use super::AskAt;
use crate::error::{ApiError, ErrorBody};
use vigil_app::country as acc;

/// A country's rating for a year, the rule that made it, and every event
/// that counted.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RatingBody {
    pub country: String,
    pub year: i32,
    /// Null when the year is not rated (see `coverage`).
    pub rating: Option<Rating>,
    /// The rating's words, or "no data", "not covered by the rule".
    pub rating_label: &'static str,
    /// `rated`; `no_data`: no documented event of the country falls in the
    /// year, so no rating (the absence of records is not good news);
    /// `not_covered`: the year is outside the rule's `years`.
    pub coverage: Coverage,
    pub score: u32,
    pub groups: Vec<GroupScore>,
    /// Every (event, indicator) pair that counted: the "why".
    pub counted: Vec<CountedEvent>,
    /// Events whose date spans several years including this one: not counted.
    pub undated_in_year: Vec<RecordId>,
    pub rule: RatingRule,
    /// The day whose evidence this rests on (`?known_on=`). Null: all the
    /// evidence held.
    pub known_on: Option<String>,
}

/// A country's rating for a year (default: the current year) under a rule
/// (default: the case file's default rule), computed from the events the
/// caller may see.
#[utoipa::path(get, path = "/api/v1/countries/{iso2}/rating", tag = "accountability", operation_id = "country_rating",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2, such as KZ"),
           ("year" = Option<i32>, Query, minimum = 1900, maximum = 2200, description = "YYYY, 1900–2200, default this year"),
           ("rule" = Option<String>, Query, description = "A rating rule's id, default `default-rating-rule`"),
           ("known_on" = Option<String>, Query, description = "YYYY-MM-DD: as the evidence published by that day showed it (default: all the evidence)")),
    responses((status = 200, body = RatingBody), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rating<S: Store>(AskAt(app, viewer, params, raw): AskAt<S>) -> Result<Json<RatingBody>, ApiError> {
    let country = acc::country_code(&raw)?;
    let year = acc::year(params.text("year"), vigil_app::status::today().year())?;
    let known_on = params.evidence_day()?;
    let (r, rule) = acc::rating(
        &app.store,
        viewer.visibility,
        &country,
        year,
        params.id("rule")?.as_ref(),
        known_on,
    )
    .await?;
    Ok(Json(RatingBody {
        country,
        year,
        rating: r.rating,
        rating_label: r.rating.map_or(r.coverage.label(), |x| x.label()),
        coverage: r.coverage,
        score: r.score,
        groups: r.groups,
        counted: r.counted,
        undated_in_year: r.undated_in_year,
        rule,
        known_on: known_on.map(vigil_core::date::format_day),
    }))
}

/// A recommendation with where it stands.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RecommendationStatus {
    pub recommendation: Recommendation,
    /// Not (latest) assessed as implemented.
    pub open: bool,
    pub latest_assessment: Option<Assessment>,
}

/// A pledge with its latest assessment and the events recorded since.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PledgeStatus {
    pub pledge: Pledge,
    pub latest_assessment: Option<Assessment>,
    /// The latest of the country's events begun after the pledge (20 at
    /// most), oldest first.
    pub events_since: Vec<RecordId>,
    /// How many events began after the pledge.
    pub events_since_total: u64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TypeYearCount {
    #[serde(rename = "type")]
    pub event_type: vigil_core::EventType,
    pub year: i32,
    pub count: u64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MonthRestraints {
    /// The first day of the month, YYYY-MM-DD, on which people were counted.
    pub month: String,
    /// Everyone imprisoned that day, certainly or possibly.
    pub imprisoned: usize,
    /// Of whom certainly (every reading of the dates puts them in prison,
    /// within what the sources last confirmed).
    pub imprisoned_certain: usize,
    /// Everyone under an activity ban that day, certainly or possibly.
    pub banned: usize,
    /// Of whom certainly.
    pub banned_certain: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct YearRatingSummary {
    pub year: i32,
    /// Null when the year is not rated (see `coverage`).
    pub rating: Option<Rating>,
    pub coverage: Coverage,
    pub score: u32,
    pub counted: u64,
}

/// What the country page shows, as data.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CountryBody {
    pub country: String,
    pub reviews: Vec<Review>,
    pub recommendations: Vec<RecommendationStatus>,
    pub pledges: Vec<PledgeStatus>,
    /// Events whose date lies in one year, counted by type and year.
    pub events_by_type_and_year: Vec<TypeYearCount>,
    /// From the status engine, on the first day of each month (the last
    /// 30 years of the record at most).
    pub restraints_by_month: Vec<MonthRestraints>,
    /// Per year under `rule_id` (see `/countries/{iso2}/rating` for the why).
    pub ratings: Vec<YearRatingSummary>,
    pub rule_id: Option<RecordId>,
    /// The events that state an ongoing or general pattern (`pattern`),
    /// the latest first (at most 50): listed apart, counted in no year,
    /// no "since" and no chart above.
    pub patterns: Vec<vigil_core::Event>,
    /// The day whose evidence this rests on (`?known_on=`): only passages
    /// of sources published by then count. Null: all the evidence held.
    pub known_on: Option<String>,
}

/// A country's reviews, recommendations and their status, pledges against
/// the events since, the chart data and the rating per year.
#[utoipa::path(get, path = "/api/v1/countries/{iso2}", tag = "accountability", operation_id = "show_country",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2, such as KZ"),
           ("rule" = Option<String>, Query, description = "A rating rule's id, default `default-rating-rule`"),
           ("known_on" = Option<String>, Query, description = "YYYY-MM-DD: as the evidence published by that day showed it (default: all the evidence)")),
    responses((status = 200, body = CountryBody), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn country<S: Store>(AskAt(app, viewer, params, raw): AskAt<S>) -> Result<Json<CountryBody>, ApiError> {
    let known_on = params.evidence_day()?;
    let view = acc::overview(
        &app.store,
        viewer.visibility,
        &raw,
        params.id("rule")?.as_ref(),
        known_on,
    )
    .await?;
    let (cf, country) = (&view.case_file, view.country.clone());
    let latest = vigil_core::accountability::latest_assessments(&cf.assessments);
    Ok(Json(CountryBody {
        reviews: acc::reviews_of(cf, &country).into_iter().cloned().collect(),
        recommendations: acc::recommendations_of(cf, &country)
            .into_iter()
            .map(|(rc, _)| RecommendationStatus {
                open: acc::is_open(cf, rc),
                latest_assessment: latest.get(&rc.id).map(|a| (*a).clone()),
                recommendation: rc.clone(),
            })
            .collect(),
        pledges: acc::pledges_of(cf, &country)
            .into_iter()
            .map(|p| {
                let since = view.since.get(&p.id);
                PledgeStatus {
                    latest_assessment: latest.get(&p.id).map(|a| (*a).clone()),
                    events_since: since.map_or_else(Vec::new, |s| s.latest.iter().map(|e| e.id.clone()).collect()),
                    events_since_total: since.map_or(0, |s| s.total),
                    pledge: p.clone(),
                }
            })
            .collect(),
        events_by_type_and_year: view
            .by_type
            .iter()
            .flat_map(|(t, years)| {
                years.iter().map(|(y, n)| TypeYearCount {
                    event_type: *t,
                    year: *y,
                    count: *n,
                })
            })
            .collect(),
        restraints_by_month: view
            .monthly
            .iter()
            .map(|m| MonthRestraints {
                month: vigil_core::date::format_day(m.month),
                imprisoned: m.imprisoned,
                imprisoned_certain: m.imprisoned_certain,
                banned: m.banned,
                banned_certain: m.banned_certain,
            })
            .collect(),
        ratings: view
            .scores
            .iter()
            .map(|r| YearRatingSummary {
                year: r.year,
                rating: r.rating,
                coverage: r.coverage,
                score: r.score,
                counted: r.counted,
            })
            .collect(),
        rule_id: view.rule.as_ref().map(|r| r.id.clone()),
        patterns: view.patterns.clone(),
        known_on: known_on.map(vigil_core::date::format_day),
        country,
    }))
}

/// The briefing on a country as of a day (for a review: `review`, or the
/// review of that day, or the next one), as data: sections of statements,
/// each with the numbers of the footnotes (quoted passages) that source it.
#[utoipa::path(get, path = "/api/v1/countries/{iso2}/briefing", tag = "accountability", operation_id = "country_briefing",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2, such as KZ"),
           ("as_of" = Option<String>, Query, description = "YYYY-MM-DD, default today"),
           ("known_on" = Option<String>, Query, description = "YYYY-MM-DD: rest on the evidence published by that day (default: as_of when it is past, else all the evidence)"),
           ("review" = Option<String>, Query, description = "A review's id")),
    responses((status = 200, body = acc::Briefing), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn briefing<S: Store>(AskAt(app, viewer, params, raw): AskAt<S>) -> Result<Json<acc::Briefing>, ApiError> {
    let country = acc::country_code(&raw)?;
    let as_of = params.as_of()?;
    let known_on = params.known_on(as_of)?;
    let review = params.id("review")?;
    Ok(Json(
        acc::briefing_of(
            &app.store,
            viewer.visibility,
            &country,
            as_of,
            known_on,
            review.as_ref(),
            viewer.lang,
        )
        .await?,
    ))
}
