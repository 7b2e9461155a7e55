//! `/api/v1/forms`: the XForms an admin uploads (an organisation's own
//! forms), listed to phones beside Vigil's incident report. Admins only.
//! A form with media files (images, sounds, CSV files it names as
//! `jr://images/NAME`, `jr://file-csv/NAME`, …) comes as
//! `multipart/form-data`: the form as the part `form`, each file as a
//! part `media` with its file name.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use vigil_app::field::forms;
use vigil_store::{Accounts, Attachments, StoredForm};

use super::spec::{AuthErrors, BodyErrors, ShowErrors};
use crate::error::ApiError;
use crate::media_type;
use crate::{AppState, Viewer};

/// An uploaded form, without its XML.
#[derive(Debug, Serialize, ToSchema)]
pub struct FormBody {
    /// The form's id, as its instance names it.
    pub form_id: String,
    pub version: String,
    pub title: String,
    /// MD5 of the form as uploaded, hex: the form list's hash.
    pub md5: String,
    /// Where phones download it.
    pub download_path: String,
    pub uploaded_by: String,
    /// Microseconds since the epoch.
    pub uploaded_at: i64,
    /// Its media files, by name (those uploaded in the request that
    /// uploaded it; empty in the list).
    pub media: Vec<MediaBody>,
}

/// A media file of a form.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediaBody {
    pub name: String,
    /// MD5 of the file, hex: the manifest's hash.
    pub md5: String,
    pub size: i64,
}

impl From<StoredForm> for FormBody {
    fn from(f: StoredForm) -> Self {
        Self {
            media: Vec::new(),
            download_path: format!("/openrosa/forms/{}.xml", f.id),
            form_id: f.id,
            version: f.version,
            title: f.title,
            md5: f.md5,
            uploaded_by: f.uploaded_by,
            uploaded_at: f.uploaded_at,
        }
    }
}

/// The uploaded forms.
#[derive(Debug, Serialize, ToSchema)]
pub struct FormsBody {
    pub items: Vec<FormBody>,
}

fn admin_only(viewer: &Viewer) -> Result<(), ApiError> {
    match viewer.account.as_ref() {
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorised",
            "sign in as an administrator",
        )),
        Some(a) if a.role.may_manage_accounts() => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "only an administrator manages forms",
        )),
    }
}

#[utoipa::path(get, path = "/api/v1/forms", tag = "forms", operation_id = "list_forms", security(("bearer" = [])),
    responses((status = 200, body = FormsBody, description = "The forms an admin uploaded, by id"), AuthErrors))]
pub async fn list<S: Accounts + Attachments>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    admin_only(&viewer)?;
    let items = app.store.forms().await.map_err(vigil_app::AppError::from)?;
    Ok(Json(FormsBody {
        items: items.into_iter().map(FormBody::from).collect(),
    })
    .into_response())
}

#[utoipa::path(post, path = "/api/v1/forms", tag = "forms", operation_id = "upload_form", security(("bearer" = [])),
    request_body(description = "An XForm (XML): its instance with an id, a version and a meta/instanceID", content(
        (serde_json::Value = "application/xml"),
        (serde_json::Value = "text/xml"),
        (serde_json::Value = "multipart/form-data"),
    )),
    responses(
        (status = 201, body = FormBody, headers(("Location" = String, description = "Where phones download it")),
            description = "The form kept (a new version replaces the old one)"),
        ShowErrors, AuthErrors, BodyErrors))]
pub async fn upload<S: Accounts + Attachments>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    admin_only(&viewer)?;
    let (xml, media) = match media_type::essence(&headers).as_str() {
        "application/xml" | "text/xml" => (body.to_vec(), Vec::new()),
        "multipart/form-data" => crate::multipart::form_and_media(media_type::content_type(&headers), &body)
            .map_err(|m| ApiError::new(StatusCode::BAD_REQUEST, "malformed", m).with_field("form"))?,
        _ => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the form as application/xml or text/xml, or with its media files as multipart/form-data",
            ))
        }
    };
    if xml.len() > forms::FORM_LIMIT {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("a form is at most {} bytes", forms::FORM_LIMIT),
        ));
    }
    if let Some((name, _)) = media.iter().find(|(_, b)| b.len() > forms::MEDIA_LIMIT) {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("{name}: a media file is at most {} bytes", forms::MEDIA_LIMIT),
        )
        .with_field("media"));
    }
    let form = forms::upload_with_media(&app.store, &viewer, &xml, media).await?;
    let files = app
        .store
        .form_media(&form.id)
        .await
        .map_err(vigil_app::AppError::from)?;
    let mut body = FormBody::from(form);
    body.media = files
        .into_iter()
        .map(|m| MediaBody {
            name: m.name,
            md5: m.md5,
            size: m.size,
        })
        .collect();
    let location = body.download_path.clone();
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
}
