-- Device accounts (issue 22): phones that send reports over OpenRosa and
-- do nothing else.
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
    CHECK (role IN ('admin', 'editor', 'confidential_reader', 'reader', 'device'));
