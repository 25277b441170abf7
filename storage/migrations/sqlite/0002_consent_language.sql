-- The language of the consent statement the member read: every language's statement has its
-- own versions, so (statement_language, statement_version) names the exact text. Consents
-- recorded before this were all given to the English statement.
ALTER TABLE consents ADD COLUMN statement_language TEXT NOT NULL DEFAULT 'en';
