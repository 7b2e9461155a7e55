//! `/api/v1/organisations`

use utoipa::openapi::path::Parameter;
use vigil_core::Organisation;
use vigil_store::{NameQuery, Store};

use super::resource::Resource;
use super::spec::{self, filter};
use super::ListBody;
use crate::error::ApiError;
use crate::params::Params;
use crate::Viewer;

impl Resource for Organisation {
    type Body = Self;

    fn listed() -> String {
        "Organisations, by name; `q` matches a name, acronym or alias".into()
    }

    fn filters() -> Vec<Parameter> {
        vec![filter("q", "Part of a name, acronym or alias", spec::text())]
    }

    async fn page<S: Store>(store: &S, viewer: &Viewer, params: &Params) -> Result<ListBody<Self>, ApiError> {
        let (text, visibility) = (params.search_text("q")?, viewer.visibility);
        let found = store
            .organisations(&NameQuery { text, visibility }, params.page()?)
            .await?;
        Ok(found.into())
    }
}
