//! JSON Schemas for the types with a text form of their own, so the
//! OpenAPI document says what the JSON really holds.

use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::{Country, Duration, Fine, PartialDate, RecordId};

fn text(description: &str, pattern: &str, example: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(Some(pattern))
        .examples([serde_json::json!(example)])
        .into()
}

impl PartialSchema for RecordId {
    fn schema() -> RefOr<Schema> {
        text(
            "A record id: lowercase letters, digits and '-', 1–80 characters, unique across kinds.",
            "^[a-z0-9-]{1,80}$",
            "erlan-baltabay",
        )
    }
}
impl ToSchema for RecordId {}

impl PartialSchema for PartialDate {
    fn schema() -> RefOr<Schema> {
        text(
            "A date of stated precision, ISO 8601 reduced: YYYY-MM-DD, YYYY-MM, YYYY, or a range A/B of two of those.",
            r"^[1-9]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?(/[1-9]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$",
            "2019-10-16",
        )
    }
}
impl ToSchema for PartialDate {}

impl PartialSchema for Country {
    fn schema() -> RefOr<Schema> {
        text("A country: its ISO 3166-1 alpha-2 code.", "^[A-Z]{2}$", "KZ")
    }
}
impl ToSchema for Country {}

impl PartialSchema for Duration {
    fn schema() -> RefOr<Schema> {
        // Each count 0–65535, as read.
        let n = "0*([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";
        text(
            "A term in ISO 8601 calendar units: years, months, weeks, days (each at most 65535).",
            &format!("^P({n}Y)?({n}M)?({n}W)?({n}D)?$"),
            "P5M8D",
        )
    }
}
impl ToSchema for Duration {}

impl PartialSchema for Fine {
    fn schema() -> RefOr<Schema> {
        let undisclosed = ObjectBuilder::new()
            .property(
                "undisclosed",
                ObjectBuilder::new()
                    .schema_type(Type::Boolean)
                    .enum_values(Some([true])),
            )
            .required("undisclosed")
            .additional_properties(Some(utoipa::openapi::schema::AdditionalProperties::FreeForm(false)));
        let amount = ObjectBuilder::new()
            .property(
                "amount",
                ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)),
            )
            .property(
                "currency",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some("^[A-Z]{3}$")),
            )
            .required("amount")
            .required("currency")
            .additional_properties(Some(utoipa::openapi::schema::AdditionalProperties::FreeForm(false)));
        OneOfBuilder::new().item(undisclosed).item(amount).into()
    }
}
impl ToSchema for Fine {}
