-- cms: API clients and token signing keys (what the reference keeps in its
-- Configuration Management Service). Outside the effective-schema
-- fingerprint; applied by provisioning after the dms script, idempotently.
CREATE SCHEMA IF NOT EXISTS "cms";

CREATE TABLE IF NOT EXISTS "cms"."ApiClient"
(
    "ClientId" varchar(64) NOT NULL,
    "Name" varchar(256) NOT NULL DEFAULT '',
    -- PHC-format argon2id hash of the secret; the secret itself is never stored.
    "SecretHash" varchar(256) NOT NULL,
    "ClaimSetName" varchar(256) NOT NULL,
    "NamespacePrefixes" text[] NOT NULL DEFAULT '{}',
    "EducationOrganizationIds" bigint[] NOT NULL DEFAULT '{}',
    "Profiles" text[] NOT NULL DEFAULT '{}',
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "SecretRotatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_ApiClient" PRIMARY KEY ("ClientId")
);

CREATE TABLE IF NOT EXISTS "cms"."SigningKey"
(
    "KeyId" varchar(64) NOT NULL,
    "Algorithm" varchar(16) NOT NULL,
    -- PKCS #8 DER private key.
    "PrivateKey" bytea NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    -- Set when a newer key takes over signing; the key keeps verifying
    -- until the tokens it signed have expired.
    "RetiredAt" timestamp with time zone NULL,
    CONSTRAINT "PK_SigningKey" PRIMARY KEY ("KeyId")
);
