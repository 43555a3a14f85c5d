-- cms: claim sets and the resource-claim hierarchy (what the reference keeps
-- in its Configuration Management Service), written by `dmsc claims load`
-- and read by the server's authorizer. Outside the effective-schema
-- fingerprint; applied by provisioning after runtime/auth's script,
-- idempotently.
CREATE SCHEMA IF NOT EXISTS "cms";

CREATE TABLE IF NOT EXISTS "cms"."ClaimSet"
(
    "ClaimSetName" varchar(256) NOT NULL,
    "IsSystemReserved" boolean NOT NULL,
    CONSTRAINT "PK_ClaimSet" PRIMARY KEY ("ClaimSetName")
);

-- One row per node of the claims hierarchy (domains and resource claims);
-- ids follow the file's depth-first order, so ordering by id restores it.
CREATE TABLE IF NOT EXISTS "cms"."ResourceClaim"
(
    "ResourceClaimId" integer NOT NULL,
    "ClaimName" varchar(2048) NOT NULL,
    "ParentResourceClaimId" integer NULL,
    CONSTRAINT "PK_ResourceClaim" PRIMARY KEY ("ResourceClaimId"),
    CONSTRAINT "FK_ResourceClaim_Parent" FOREIGN KEY ("ParentResourceClaimId")
        REFERENCES "cms"."ResourceClaim" ("ResourceClaimId")
);

-- defaultAuthorization: the strategies of an action on a claim and,
-- unless overridden, on every claim below it. Strategies keep file order.
CREATE TABLE IF NOT EXISTS "cms"."ResourceClaimDefaultAction"
(
    "ResourceClaimId" integer NOT NULL,
    "ActionName" varchar(64) NOT NULL,
    "AuthorizationStrategies" text[] NOT NULL,
    CONSTRAINT "PK_ResourceClaimDefaultAction" PRIMARY KEY ("ResourceClaimId", "ActionName"),
    CONSTRAINT "FK_ResourceClaimDefaultAction_ResourceClaim" FOREIGN KEY ("ResourceClaimId")
        REFERENCES "cms"."ResourceClaim" ("ResourceClaimId")
);

-- claimSets of a claim: an action a claim set is granted on the claim (and
-- the claims below it), with its authorization strategy overrides (empty:
-- the defaults apply). The claim set need not be in cms.ClaimSet: the
-- hierarchy may name claim sets a deployment does not define.
CREATE TABLE IF NOT EXISTS "cms"."ClaimSetResourceClaimAction"
(
    "ClaimSetName" varchar(256) NOT NULL,
    "ResourceClaimId" integer NOT NULL,
    "ActionName" varchar(64) NOT NULL,
    "AuthorizationStrategyOverrides" text[] NOT NULL,
    CONSTRAINT "PK_ClaimSetResourceClaimAction" PRIMARY KEY ("ResourceClaimId", "ClaimSetName", "ActionName"),
    CONSTRAINT "FK_ClaimSetResourceClaimAction_ResourceClaim" FOREIGN KEY ("ResourceClaimId")
        REFERENCES "cms"."ResourceClaim" ("ResourceClaimId")
);

-- The last load: servers poll LoadVersion and reload when it changes.
CREATE TABLE IF NOT EXISTS "cms"."ClaimsLoad"
(
    "ClaimsLoadSingletonId" smallint NOT NULL,
    "LoadVersion" bigint NOT NULL,
    "LoadedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "SourceFiles" text[] NOT NULL,
    CONSTRAINT "PK_ClaimsLoad" PRIMARY KEY ("ClaimsLoadSingletonId"),
    CONSTRAINT "CK_ClaimsLoad_Singleton" CHECK ("ClaimsLoadSingletonId" = 1)
);
