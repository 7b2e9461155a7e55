//! `/api/v1/cases`

use vigil_core::Case;
use vigil_store::Store;

use super::resource::Resource;
use super::ListBody;
use crate::error::ApiError;
use crate::params::Params;
use crate::Viewer;

impl Resource for Case {
    type Body = Self;

    fn listed() -> String {
        "Cases: named groups of events".into()
    }

    async fn page<S: Store>(store: &S, viewer: &Viewer, params: &Params) -> Result<ListBody<Self>, ApiError> {
        Ok(store.cases(viewer.visibility, params.page()?).await?.into())
    }
}
