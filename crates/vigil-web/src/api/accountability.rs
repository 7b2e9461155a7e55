//! `/api/v1/mechanisms`, `/reviews`, `/recommendations`, `/pledges`,
//! `/assessments`, `/rating-rules` (reads; writes are in [`super::write`])
//! and `/api/v1/countries/{iso2}/rating?year=YYYY`.
//!
//! Lists are read from the case file as the viewer may see it and ordered
//! by id; these kinds are few beside events and sources.

use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use vigil_core::accountability::{rate, CountedEvent, GroupScore};
use vigil_core::{
    Assessment, Mechanism, Pledge, Rating, RatingRule, Recommendation, Record, RecordId, RecordKind, Review,
};
use vigil_store::Store;

use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};
use vigil_app::country as acc;

macro_rules! read_routes {
    ($kind:expr, $variant:ident, $ty:ty, $field:ident, $tag:literal, $collection:literal, $item:literal, $list:ident, $show:ident) => {
        #[doc = concat!("Every ", $tag, " record the caller may see, by id.")]
        #[utoipa::path(get, path = $collection, tag = $tag,
                                    params(
                                        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
                                        ("offset" = Option<u32>, Query, description = "default 0"),
                                    ),
                                    responses((status = 200, body = ListBody<$ty>), (status = 400, body = ErrorBody)))]
        pub async fn $list<S: Store>(
            State(app): State<AppState<S>>,
            viewer: Viewer,
            params: Params,
        ) -> Result<Json<ListBody<$ty>>, ApiError> {
            let listing = vigil_app::accountability::list(&app.store, viewer.visibility, $kind, params.page()?).await?;
            let items = listing
                .items
                .into_iter()
                .filter_map(|r| match r {
                    Record::$variant(r) => Some(r),
                    _ => None,
                })
                .collect();
            Ok(Json(ListBody { items, total: listing.total }))
        }

        #[doc = concat!("One ", $tag, " record.")]
        #[utoipa::path(get, path = $item, tag = $tag,
                                    params(("id" = String, Path, description = "The id")),
                                    responses((status = 200, body = $ty), (status = 404, body = ErrorBody)))]
        pub async fn $show<S: Store>(
            State(app): State<AppState<S>>,
            viewer: Viewer,
            Path(id): Path<String>,
        ) -> Result<Json<$ty>, ApiError> {
            match visible(&app.store, &viewer, $kind, &id).await? {
                Record::$variant(r) => Ok(Json(r)),
                _ => Err(ApiError::not_found($kind.as_str(), &id)),
            }
        }
    };
}

read_routes!(
    RecordKind::Mechanism,
    Mechanism,
    Mechanism,
    mechanisms,
    "mechanisms",
    "/api/v1/mechanisms",
    "/api/v1/mechanisms/{id}",
    list_mechanisms,
    show_mechanism
);
read_routes!(
    RecordKind::Review,
    Review,
    Review,
    reviews,
    "reviews",
    "/api/v1/reviews",
    "/api/v1/reviews/{id}",
    list_reviews,
    show_review
);
read_routes!(
    RecordKind::Recommendation,
    Recommendation,
    Recommendation,
    recommendations,
    "recommendations",
    "/api/v1/recommendations",
    "/api/v1/recommendations/{id}",
    list_recommendations,
    show_recommendation
);
read_routes!(
    RecordKind::Pledge,
    Pledge,
    Pledge,
    pledges,
    "pledges",
    "/api/v1/pledges",
    "/api/v1/pledges/{id}",
    list_pledges,
    show_pledge
);
read_routes!(
    RecordKind::Assessment,
    Assessment,
    Assessment,
    assessments,
    "assessments",
    "/api/v1/assessments",
    "/api/v1/assessments/{id}",
    list_assessments,
    show_assessment
);
read_routes!(
    RecordKind::RatingRule,
    RatingRule,
    RatingRule,
    rating_rules,
    "rating-rules",
    "/api/v1/rating-rules",
    "/api/v1/rating-rules/{id}",
    list_rating_rules,
    show_rating_rule
);

/// A country's rating for a year, the rule that made it, and every event
/// that counted.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RatingBody {
    pub country: String,
    pub year: i32,
    pub rating: Rating,
    pub rating_label: &'static str,
    pub score: u32,
    pub groups: Vec<GroupScore>,
    /// Every (event, indicator) pair that counted: the "why".
    pub counted: Vec<CountedEvent>,
    /// Events whose date spans several years including this one: not counted.
    pub undated_in_year: Vec<RecordId>,
    pub rule: RatingRule,
}

/// A country's rating for a year (default: the current year) under a rule
/// (default: the case file's default rule), computed from the events the
/// caller may see.
#[utoipa::path(get, path = "/api/v1/countries/{iso2}/rating", tag = "accountability",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2, such as KZ"),
           ("year" = Option<i32>, Query, description = "YYYY, default this year"),
           ("rule" = Option<String>, Query, description = "A rating rule's id, default `default-rating-rule`")),
    responses((status = 200, body = RatingBody), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rating<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(raw): Path<String>,
    params: Params,
) -> Result<Json<RatingBody>, ApiError> {
    let country = acc::country_code(&raw)?;
    let year = acc::year(params.text("year"), vigil_app::status::today().year())?;
    let cf = acc::load(&app.store, viewer.visibility, &country).await?;
    let rule = acc::rule(&cf, params.id("rule")?.as_ref())?;
    let r = rate(rule, &cf, &country, year);
    Ok(Json(RatingBody {
        country,
        year,
        rating: r.rating,
        rating_label: r.rating.label(),
        score: r.score,
        groups: r.groups,
        counted: r.counted,
        undated_in_year: r.undated_in_year,
        rule: rule.clone(),
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
    pub events_since: Vec<RecordId>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TypeYearCount {
    #[serde(rename = "type")]
    pub event_type: vigil_core::EventType,
    pub year: i32,
    pub count: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MonthRestraints {
    /// The first day of the month, YYYY-MM-DD, on which people were counted.
    pub month: String,
    pub imprisoned: usize,
    pub banned: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct YearRatingSummary {
    pub year: i32,
    pub rating: Rating,
    pub score: u32,
    pub counted: usize,
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
}

/// A country's reviews, recommendations and their status, pledges against
/// the events since, the chart data and the rating per year.
#[utoipa::path(get, path = "/api/v1/countries/{iso2}", tag = "accountability",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2, such as KZ"),
           ("rule" = Option<String>, Query, description = "A rating rule's id, default `default-rating-rule`")),
    responses((status = 200, body = CountryBody), (status = 404, body = ErrorBody)))]
pub async fn country<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(raw): Path<String>,
    params: Params,
) -> Result<Json<CountryBody>, ApiError> {
    let country = acc::country_code(&raw)?;
    let cf = acc::load(&app.store, viewer.visibility, &country).await?;
    let latest = vigil_core::accountability::latest_assessments(&cf.assessments);
    let events = acc::events_of(&cf, &country);
    let (first, last) = acc::years(&cf, &country).unwrap_or((2000, 2000));
    let rule = match params.id("rule")? {
        Some(_) => Some(acc::rule(&cf, params.id("rule")?.as_ref())?),
        None => acc::rule(&cf, params.id("rule")?.as_ref()).ok(),
    };
    let (by_type, _) = acc::events_by_type_and_year(&events);
    Ok(Json(CountryBody {
        reviews: acc::reviews_of(&cf, &country).into_iter().cloned().collect(),
        recommendations: acc::recommendations_of(&cf, &country)
            .into_iter()
            .map(|(rc, _)| RecommendationStatus {
                open: acc::is_open(&cf, rc),
                latest_assessment: latest.get(&rc.id).map(|a| (*a).clone()),
                recommendation: rc.clone(),
            })
            .collect(),
        pledges: acc::pledges_of(&cf, &country)
            .into_iter()
            .map(|p| PledgeStatus {
                latest_assessment: latest.get(&p.id).map(|a| (*a).clone()),
                events_since: events
                    .iter()
                    .filter(|e| e.date.earliest() > p.date.latest())
                    .map(|e| e.id.clone())
                    .collect(),
                pledge: p.clone(),
            })
            .collect(),
        events_by_type_and_year: by_type
            .iter()
            .flat_map(|(t, years)| {
                years.iter().map(|(y, n)| TypeYearCount {
                    event_type: *t,
                    year: *y,
                    count: *n,
                })
            })
            .collect(),
        restraints_by_month: acc::monthly(&cf, &country, first.max(last - 29), last + 1)
            .into_iter()
            .map(|m| MonthRestraints {
                month: vigil_core::date::format_day(m.month),
                imprisoned: m.imprisoned,
                banned: m.banned,
            })
            .collect(),
        ratings: match rule {
            Some(rule) => (first..=last)
                .map(|y| {
                    let r = rate(rule, &cf, &country, y);
                    YearRatingSummary {
                        year: y,
                        rating: r.rating,
                        score: r.score,
                        counted: r.counted.len(),
                    }
                })
                .collect(),
            None => Vec::new(),
        },
        rule_id: rule.map(|r| r.id.clone()),
        country,
    }))
}

/// The briefing on a country as of a day (for a review: `review`, or the
/// review of that day, or the next one), as data: sections of statements,
/// each with the numbers of the footnotes (quoted passages) that source it.
#[utoipa::path(get, path = "/api/v1/countries/{iso2}/briefing", tag = "accountability",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2, such as KZ"),
           ("as_of" = Option<String>, Query, description = "YYYY-MM-DD, default today"),
           ("review" = Option<String>, Query, description = "A review's id")),
    responses((status = 200, body = acc::Briefing), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn briefing<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(raw): Path<String>,
    params: Params,
) -> Result<Json<acc::Briefing>, ApiError> {
    let country = acc::country_code(&raw)?;
    let as_of = params.as_of()?;
    let review = params.id("review")?;
    let cf = acc::load(&app.store, viewer.visibility, &country).await?;
    Ok(Json(acc::briefing(&cf, &country, as_of, review.as_ref())?))
}
