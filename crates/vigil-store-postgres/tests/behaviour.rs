//! The store behaviour suite on a real PostgreSQL server: each check on a
//! database of its own (skipped, loudly, without VIGIL_TEST_POSTGRES_URL).

vigil_store::behaviour_suite!(optional vigil_store_postgres::testing::fresh_store);
vigil_store::proposals_suite!(optional vigil_store_postgres::testing::fresh_store);
vigil_store::field_suite!(optional vigil_store_postgres::testing::fresh_store);
vigil_store::transfer_suite!(vigil_store_postgres::testing::fresh_store_with_key);
