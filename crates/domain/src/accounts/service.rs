//! Use cases of accounts and sign-in. Authorization is decided here, never in handlers.

use std::sync::{Arc, LazyLock};

use time::Duration;

use super::account::{
    Account, AccountFilter, AccountStatus, Credentials, DisplayName, NewAccount, NewAccountRecord,
};
use super::error::AccountError;
use super::password::{Password, PasswordHash};
use super::session::{Session, SessionStage, SessionToken};
use super::throttle::{ThrottlePolicy, client_key, login_key};
use super::totp::TotpSecret;
use crate::access::{Action, Actor, Role, Target, authorize};
use crate::audit::{AuditAction, NewAuditEvent, Purpose};
use crate::shared::{
    AccountId, Clock, EmailAddress, Language, Page, PageRequest, RequestId, ValidationErrors,
};
use crate::store::Store;

/// Session lifetimes, throttling and the issuer name shown in authenticator apps.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// A session ends this long after its last use.
    pub idle_timeout: Duration,
    /// A session ends this long after it began, however busy.
    pub absolute_timeout: Duration,
    /// Login throttling.
    pub throttle: ThrottlePolicy,
    /// The issuer in `otpauth://` URIs.
    pub totp_issuer: String,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::minutes(30),
            absolute_timeout: Duration::hours(12),
            throttle: ThrottlePolicy::default(),
            totp_issuer: "otandas".to_owned(),
        }
    }
}

/// The result of a password check: a session, possibly still awaiting its second factor.
#[derive(Debug)]
pub struct LoginOutcome {
    /// The token to hand to the client.
    pub token: SessionToken,
    /// What the client must do next.
    pub stage: SessionStage,
}

/// A request's authenticated caller.
#[derive(Clone, Debug)]
pub struct Authenticated {
    /// The caller as services see it.
    pub actor: Actor,
    /// The account.
    pub account: Account,
    /// The session.
    pub session: Session,
}

/// What a staff member needs to enrol a second factor.
#[derive(Debug)]
pub struct Enrolment {
    /// The secret in base32, for typing into an app.
    pub secret: String,
    /// The `otpauth://` URI, for a link or QR code.
    pub uri: String,
}

/// Which parts of the staff console a caller may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsoleAccess {
    /// Account administration.
    pub accounts: bool,
    /// The audit log.
    pub audit: bool,
    /// The registry of people (within the caller's scope).
    pub people: bool,
}

/// An unvalidated request to create an account, as typed in a form or API body.
#[derive(Clone, Debug, Default)]
pub struct NewAccountInput {
    /// Login.
    pub email: String,
    /// Name shown.
    pub display_name: String,
    /// Language tag.
    pub language: String,
    /// Initial password.
    pub password: String,
    /// Role name (`RoleKind::as_str`).
    pub role: String,
    /// The role's scope, if it has one.
    pub scope: Option<String>,
}

impl NewAccountInput {
    /// Parses every field, collecting every error.
    ///
    /// # Errors
    /// Every field that is invalid, at once.
    pub fn parse(&self) -> Result<(NewAccount, Password), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let email = errors.collect(EmailAddress::parse(&self.email));
        let display_name = errors.collect(DisplayName::parse(&self.display_name));
        let language = errors.collect(
            Language::from_tag(&self.language)
                .ok_or(crate::shared::ValidationError::Unknown { field: "language" }),
        );
        let password = errors.collect(Password::new_checked(&self.password));
        let role = errors
            .collect(crate::access::RoleKind::parse(&self.role))
            .and_then(|kind| errors.collect(Role::from_parts(kind, self.scope.as_deref())));
        match (email, display_name, language, password, role) {
            (Some(email), Some(display_name), Some(language), Some(password), Some(role))
                if errors.is_empty() =>
            {
                Ok((
                    NewAccount {
                        email,
                        display_name,
                        language,
                        roles: vec![role],
                    },
                    password,
                ))
            }
            _ => Err(errors),
        }
    }
}

/// A self-registration request, as typed.
#[derive(Clone, Debug, Default)]
pub struct SignupInput {
    /// Email, the future login.
    pub email: String,
    /// Name shown.
    pub display_name: String,
    /// Language tag.
    pub language: String,
}

/// What to email after a self-registration request. The web page says the same in both cases,
/// so the request does not reveal which emails have accounts; only the mailbox's owner learns.
#[derive(Debug)]
pub enum SignupOutcome {
    /// Send the verification link with this token.
    Verify {
        /// The token the link carries.
        token: SessionToken,
        /// Where to send it.
        email: EmailAddress,
        /// In which language.
        language: Language,
    },
    /// The email already has a verified account: tell its owner so, with no link.
    AlreadyRegistered {
        /// Where to send it.
        email: EmailAddress,
        /// In which language.
        language: Language,
    },
}

/// How long an emailed verification link works.
const VERIFICATION_LIFETIME: Duration = Duration::hours(24);

/// A fixed argon2id hash, verified against when the email is unknown so that known and unknown
/// emails take the same time.
static DUMMY_HASH: LazyLock<Option<PasswordHash>> =
    LazyLock::new(|| Password::typed("otandas-timing-equalizer").hash().ok());

/// Accounts, sign-in and sessions.
#[derive(Clone)]
pub struct AccountService {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    config: AuthConfig,
}

impl AccountService {
    /// A service over `store`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: AuthConfig) -> Self {
        Self {
            store,
            clock,
            config,
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &AuthConfig {
        &self.config
    }

    async fn throttled(&self, keys: &[&str]) -> Result<bool, AccountError> {
        let since = self.clock.now() - self.config.throttle.window;
        let limits = [
            self.config.throttle.per_login,
            self.config.throttle.per_client,
        ];
        for (key, limit) in keys.iter().zip(limits) {
            if self.store.count_login_failures(key, since).await? >= u64::from(limit) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    async fn record_failure(&self, keys: &[&str]) -> Result<(), AccountError> {
        let now = self.clock.now();
        for key in keys {
            self.store.insert_login_failure(key, now).await?;
        }
        Ok(())
    }

    /// Checks an email and password and starts a session. Replaces `previous` (session
    /// rotation at login). Staff accounts get a session that still awaits its second factor.
    ///
    /// # Errors
    /// `Throttled` after too many failures for this login or client; `InvalidCredentials` for
    /// an unknown email, a wrong password or a disabled account alike.
    #[tracing::instrument(skip_all)]
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client: &str,
        previous: Option<&SessionToken>,
        request_id: Option<RequestId>,
    ) -> Result<LoginOutcome, AccountError> {
        let login = login_key(email);
        let client = client_key(client);
        let keys = [login.as_str(), client.as_str()];
        let now = self.clock.now();
        let credentials = match EmailAddress::parse(email) {
            Ok(email) => self.store.find_credentials(&email).await?,
            Err(_) => None,
        };
        let subject = credentials.as_ref().map(|c| c.account.id);
        if self.throttled(&keys).await? {
            if let Some(id) = subject {
                self.audit_account(
                    AuditAction::LoginThrottled,
                    None,
                    id,
                    Purpose::Authentication,
                    request_id,
                )
                .await?;
            }
            return Err(AccountError::Throttled);
        }
        let typed = Password::typed(password);
        let verified = if let Some(c) = &credentials {
            typed.verify(&c.password_hash)
        } else {
            // Same work for unknown emails, so timing does not tell them apart.
            if let Some(dummy) = DUMMY_HASH.as_ref() {
                let _ = typed.verify(dummy);
            }
            false
        };
        let account = match credentials {
            Some(Credentials { account, .. })
                if verified && account.status == AccountStatus::Active =>
            {
                account
            }
            _ => {
                self.record_failure(&keys).await?;
                if let Some(id) = subject {
                    self.audit_account(
                        AuditAction::LoginFailed,
                        None,
                        id,
                        Purpose::Authentication,
                        request_id,
                    )
                    .await?;
                }
                return Err(AccountError::InvalidCredentials);
            }
        };
        self.store.delete_login_failures(&login).await?;
        // Whoever enrolled a second factor is asked for it, staff or not; staff without one
        // must enrol before they get anywhere.
        let stage = if account.totp_enabled {
            SessionStage::AwaitingSecondFactor
        } else if account.requires_second_factor() {
            SessionStage::EnrollingSecondFactor
        } else {
            SessionStage::Active
        };
        let (token, session) = Session::start(account.id, stage, now);
        let audit = NewAuditEvent::about_account(
            now,
            Some(account.id),
            AuditAction::LoginSucceeded,
            account.id,
            Purpose::Authentication,
        )
        .in_request(request_id);
        self.store
            .insert_session(
                &session,
                previous.map(SessionToken::hash).as_ref(),
                Some(&audit),
            )
            .await?;
        Ok(LoginOutcome { token, stage })
    }

    async fn session_at(
        &self,
        token: &SessionToken,
        stage: SessionStage,
    ) -> Result<(Session, Credentials), AccountError> {
        let session = self.live_session(token).await?;
        if session.stage != stage {
            return Err(AccountError::WrongStage);
        }
        let credentials = self.store.get_credentials(session.account_id).await?;
        if credentials.account.status != AccountStatus::Active {
            return Err(AccountError::Unauthenticated);
        }
        Ok((session, credentials))
    }

    async fn live_session(&self, token: &SessionToken) -> Result<Session, AccountError> {
        let hash = token.hash();
        let session = self
            .store
            .find_session(&hash)
            .await?
            .ok_or(AccountError::Unauthenticated)?;
        let now = self.clock.now();
        if now - session.created_at > self.config.absolute_timeout
            || now - session.last_seen_at > self.config.idle_timeout
        {
            self.store.delete_session(&hash, None).await?;
            return Err(AccountError::Unauthenticated);
        }
        Ok(session)
    }

    async fn second_factor_attempt(
        &self,
        token: &SessionToken,
        code: &str,
        secret: &TotpSecret,
        session: &Session,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        let account = session.account_id;
        let key = format!("second_factor:{account}");
        if self.throttled(&[key.as_str()]).await? {
            // Too many wrong codes: the half-open session is ended; the password is due again.
            self.store.delete_session(&token.hash(), None).await?;
            self.audit_account(
                AuditAction::LoginThrottled,
                Some(account),
                account,
                Purpose::Authentication,
                request_id,
            )
            .await?;
            return Err(AccountError::Throttled);
        }
        let now = self.clock.now();
        let claimed = match secret.verify(code, now) {
            Some(step) => self.store.claim_totp_step(account, step).await?,
            None => false,
        };
        if !claimed {
            self.record_failure(&[key.as_str()]).await?;
            self.audit_account(
                AuditAction::SecondFactorFailed,
                Some(account),
                account,
                Purpose::Authentication,
                request_id,
            )
            .await?;
            return Err(AccountError::InvalidCode);
        }
        self.store.delete_login_failures(&key).await?;
        Ok(())
    }

    /// Checks the second-factor code of a session awaiting it, and rotates the session into a
    /// fully signed-in one.
    ///
    /// # Errors
    /// `Unauthenticated` without a live session, `WrongStage` if no code is due,
    /// `InvalidCode` for a wrong or replayed code, `Throttled` after too many.
    pub async fn verify_second_factor(
        &self,
        token: &SessionToken,
        code: &str,
        request_id: Option<RequestId>,
    ) -> Result<SessionToken, AccountError> {
        let (session, credentials) = self
            .session_at(token, SessionStage::AwaitingSecondFactor)
            .await?;
        let secret = credentials
            .totp_secret
            .as_deref()
            .and_then(TotpSecret::from_base32)
            .ok_or(AccountError::WrongStage)?;
        self.second_factor_attempt(token, code, &secret, &session, request_id)
            .await?;
        self.rotate(
            token,
            session.account_id,
            AuditAction::SecondFactorPassed,
            request_id,
        )
        .await
    }

    async fn rotate(
        &self,
        old: &SessionToken,
        account: AccountId,
        action: AuditAction,
        request_id: Option<RequestId>,
    ) -> Result<SessionToken, AccountError> {
        let now = self.clock.now();
        let (token, session) = Session::start(account, SessionStage::Active, now);
        let audit = NewAuditEvent::about_account(
            now,
            Some(account),
            action,
            account,
            Purpose::Authentication,
        )
        .in_request(request_id);
        self.store
            .insert_session(&session, Some(&old.hash()), Some(&audit))
            .await?;
        Ok(token)
    }

    /// Starts (or resumes) enrolment of a second factor for a staff session that has none:
    /// returns the secret to put into an authenticator app.
    ///
    /// # Errors
    /// `Unauthenticated` without a live session, `WrongStage` unless enrolment is due.
    pub async fn begin_enrolment(&self, token: &SessionToken) -> Result<Enrolment, AccountError> {
        let (_, credentials) = self
            .session_at(token, SessionStage::EnrollingSecondFactor)
            .await?;
        let secret = if let Some(pending) = credentials
            .totp_secret
            .as_deref()
            .and_then(TotpSecret::from_base32)
        {
            pending
        } else {
            let fresh = TotpSecret::generate();
            self.store
                .update_totp(
                    credentials.account.id,
                    Some(&fresh.to_base32()),
                    false,
                    None,
                )
                .await?;
            fresh
        };
        Ok(Enrolment {
            uri: secret.otpauth_uri(&self.config.totp_issuer, credentials.account.email.as_ref()),
            secret: secret.to_base32(),
        })
    }

    /// Confirms enrolment with a first code from the app, and rotates the session into a fully
    /// signed-in one.
    ///
    /// # Errors
    /// As [`Self::verify_second_factor`].
    pub async fn confirm_enrolment(
        &self,
        token: &SessionToken,
        code: &str,
        request_id: Option<RequestId>,
    ) -> Result<SessionToken, AccountError> {
        let (session, credentials) = self
            .session_at(token, SessionStage::EnrollingSecondFactor)
            .await?;
        let encoded = credentials.totp_secret.ok_or(AccountError::WrongStage)?;
        let secret = TotpSecret::from_base32(&encoded).ok_or(AccountError::WrongStage)?;
        self.second_factor_attempt(token, code, &secret, &session, request_id)
            .await?;
        let account = session.account_id;
        let audit = NewAuditEvent::about_account(
            self.clock.now(),
            Some(account),
            AuditAction::SecondFactorEnrolled,
            account,
            Purpose::Authentication,
        )
        .in_request(request_id);
        self.store
            .update_totp(account, Some(&encoded), true, Some(&audit))
            .await?;
        self.rotate(token, account, AuditAction::SecondFactorPassed, request_id)
            .await
    }

    /// Resolves a session token to its caller. Sessions past their idle or absolute lifetime,
    /// half-finished logins and sessions of disabled accounts do not authenticate.
    ///
    /// # Errors
    /// `Unauthenticated` in each of those cases.
    pub async fn authenticate(&self, token: &SessionToken) -> Result<Authenticated, AccountError> {
        let session = self.live_session(token).await?;
        if session.stage != SessionStage::Active {
            return Err(AccountError::Unauthenticated);
        }
        let account = match self.store.get_account(session.account_id).await {
            Ok(account) if account.status == AccountStatus::Active => account,
            Ok(_) | Err(crate::store::StoreError::NotFound) => {
                return Err(AccountError::Unauthenticated);
            }
            Err(other) => return Err(other.into()),
        };
        let now = self.clock.now();
        // Writing on every request would serialize reads on SQLite; a minute's precision is enough.
        if now - session.last_seen_at > Duration::minutes(1) {
            self.store.touch_session(&session.token_hash, now).await?;
        }
        Ok(Authenticated {
            actor: Actor::new(account.id, account.roles.clone()),
            account,
            session,
        })
    }

    /// The session behind a token at any stage (for the login flow's own pages).
    ///
    /// # Errors
    /// `Unauthenticated` when there is no live session.
    pub async fn pending_session(&self, token: &SessionToken) -> Result<Session, AccountError> {
        self.live_session(token).await
    }

    /// Ends a session.
    ///
    /// # Errors
    /// Only storage failures.
    pub async fn logout(
        &self,
        token: &SessionToken,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        let hash = token.hash();
        let Some(session) = self.store.find_session(&hash).await? else {
            return Ok(());
        };
        let account = session.account_id;
        let audit = NewAuditEvent::about_account(
            self.clock.now(),
            Some(account),
            AuditAction::Logout,
            account,
            Purpose::Authentication,
        )
        .in_request(request_id);
        self.store.delete_session(&hash, Some(&audit)).await?;
        Ok(())
    }

    /// Deletes sessions past their lifetime; returns how many.
    ///
    /// # Errors
    /// Only storage failures.
    pub async fn purge_expired_sessions(&self) -> Result<u64, AccountError> {
        let now = self.clock.now();
        Ok(self
            .store
            .delete_expired_sessions(
                now - self.config.absolute_timeout,
                now - self.config.idle_timeout,
            )
            .await?)
    }

    /// What of the staff console the caller may use.
    ///
    /// # Errors
    /// `Forbidden` unless the caller may use the console at all.
    pub fn console_access(&self, actor: &Actor) -> Result<ConsoleAccess, AccountError> {
        authorize(actor, Action::UseConsole, &Target::platform())?;
        let may = |action| authorize(actor, action, &Target::platform()).is_ok();
        let people = crate::registry::list_scope(&actor.roles, actor.account_id)
            .iter()
            .any(|clause| !matches!(clause, crate::registry::ScopeClause::Owner(_)));
        Ok(ConsoleAccess {
            accounts: may(Action::ManageAccounts),
            audit: may(Action::ReadAuditLog),
            people,
        })
    }

    /// Creates an account (administrators only).
    ///
    /// # Errors
    /// `Forbidden` unless the actor may manage accounts; `Invalid` with every bad field;
    /// `Conflict("accounts_email_key")` when the email is taken.
    pub async fn create_account(
        &self,
        actor: &Actor,
        input: &NewAccountInput,
        request_id: Option<RequestId>,
    ) -> Result<Account, AccountError> {
        authorize(actor, Action::ManageAccounts, &Target::platform())?;
        let (account, password) = input.parse()?;
        self.insert(Some(actor.account_id), account, &password, None, request_id)
            .await
    }

    /// Creates an account from the command line (the first administrator, the demo), with a
    /// second factor enrolled at once if asked: returns the account and its TOTP secret. Not
    /// reachable from the web: only the operator of the machine can call it.
    ///
    /// # Errors
    /// `Invalid`, `Conflict` as [`Self::create_account`].
    pub async fn bootstrap_account(
        &self,
        input: &NewAccountInput,
        with_second_factor: bool,
    ) -> Result<(Account, Option<TotpSecret>), AccountError> {
        let (account, password) = input.parse()?;
        let secret = with_second_factor.then(TotpSecret::generate);
        let created = self
            .insert(None, account, &password, secret.as_ref(), None)
            .await?;
        Ok((created, secret))
    }

    async fn insert(
        &self,
        by: Option<AccountId>,
        account: NewAccount,
        password: &Password,
        totp: Option<&TotpSecret>,
        request_id: Option<RequestId>,
    ) -> Result<Account, AccountError> {
        let now = self.clock.now();
        let record = NewAccountRecord {
            id: AccountId::new(),
            account,
            password_hash: password.hash().map_err(|_| AccountError::Hashing)?,
            totp_secret: totp.map(TotpSecret::to_base32),
            verification: None,
            created_at: now,
        };
        let audit = NewAuditEvent::about_account(
            now,
            by,
            AuditAction::AccountCreated,
            record.id,
            Purpose::AccountAdministration,
        )
        .in_request(request_id);
        self.store.insert_account(&record, &audit).await?;
        Ok(self.store.get_account(record.id).await?)
    }

    /// A visitor asks to register as a member. Creates the account without a usable password
    /// (or renews the link of one not yet verified) and says what to email. Throttled per
    /// client and per email like logins.
    ///
    /// # Errors
    /// `Invalid` with every bad field; `Throttled`.
    pub async fn request_signup(
        &self,
        input: &SignupInput,
        client: &str,
        request_id: Option<RequestId>,
    ) -> Result<SignupOutcome, AccountError> {
        let mut errors = ValidationErrors::new();
        let email = errors.collect(EmailAddress::parse(&input.email));
        let display_name = errors.collect(DisplayName::parse(&input.display_name));
        let language = errors.collect(
            Language::from_tag(&input.language)
                .ok_or(crate::shared::ValidationError::Unknown { field: "language" }),
        );
        let (Some(email), Some(display_name), Some(language)) = (email, display_name, language)
        else {
            return Err(errors.into());
        };
        let by_email = format!("signup:{}", login_key(email.as_ref()));
        let by_client = format!("signup:{}", client_key(client));
        if self
            .throttled(&[by_email.as_str(), by_client.as_str()])
            .await?
        {
            return Err(AccountError::Throttled);
        }
        self.record_failure(&[by_email.as_str(), by_client.as_str()])
            .await?;
        let now = self.clock.now();
        let token = SessionToken::generate();
        match self.store.find_credentials(&email).await? {
            Some(existing) if existing.email_verified => Ok(SignupOutcome::AlreadyRegistered {
                email,
                language: existing.account.language,
            }),
            Some(pending) => {
                self.store
                    .upsert_verification(
                        pending.account.id,
                        &token.hash(),
                        now + VERIFICATION_LIFETIME,
                        now,
                    )
                    .await?;
                Ok(SignupOutcome::Verify {
                    token,
                    email,
                    language: pending.account.language,
                })
            }
            None => {
                // No usable password until the emailed link is followed: a random one nobody knows.
                let placeholder = Password::typed(SessionToken::generate().as_ref());
                let record = NewAccountRecord {
                    id: AccountId::new(),
                    account: NewAccount {
                        email: email.clone(),
                        display_name,
                        language,
                        roles: vec![Role::Member],
                    },
                    password_hash: placeholder.hash().map_err(|_| AccountError::Hashing)?,
                    totp_secret: None,
                    verification: Some(super::account::PendingVerification {
                        token_hash: token.hash(),
                        expires_at: now + VERIFICATION_LIFETIME,
                    }),
                    created_at: now,
                };
                let audit = NewAuditEvent::about_account(
                    now,
                    None,
                    AuditAction::AccountCreated,
                    record.id,
                    Purpose::SelfService,
                )
                .in_request(request_id);
                match self.store.insert_account(&record, &audit).await {
                    Ok(()) => Ok(SignupOutcome::Verify {
                        token,
                        email,
                        language,
                    }),
                    // Two requests raced for the same email: the other one sends the link.
                    Err(crate::store::StoreError::Conflict { .. }) => {
                        Ok(SignupOutcome::AlreadyRegistered { email, language })
                    }
                    Err(other) => Err(other.into()),
                }
            }
        }
    }

    /// Completes a self-registration: the emailed token proves the mailbox, the password is set
    /// now (never before, so nobody can pre-register someone else's email with a password they
    /// know).
    ///
    /// # Errors
    /// `Invalid` for a password that breaks the policy or does not match; `InvalidCode` for an
    /// unknown or expired link.
    pub async fn complete_signup(
        &self,
        token: &str,
        password: &str,
        confirm: &str,
        request_id: Option<RequestId>,
    ) -> Result<AccountId, AccountError> {
        let mut errors = ValidationErrors::new();
        let checked = errors.collect(Password::new_checked(password));
        if password != confirm {
            errors.push(crate::shared::ValidationError::Mismatch { field: "confirm" });
        }
        errors.into_result()?;
        let Some(checked) = checked else {
            return Err(AccountError::Hashing);
        };
        let now = self.clock.now();
        let token_hash = SessionToken::from_client(token).hash();
        let Some(id) = self.store.find_verification(&token_hash, now).await? else {
            return Err(AccountError::InvalidCode);
        };
        let hash = checked.hash().map_err(|_| AccountError::Hashing)?;
        let audit = NewAuditEvent::about_account(
            now,
            Some(id),
            AuditAction::EmailVerified,
            id,
            Purpose::SelfService,
        )
        .in_request(request_id);
        match self
            .store
            .complete_verification(id, &token_hash, now, &hash, &audit)
            .await
        {
            Ok(()) => Ok(id),
            Err(crate::store::StoreError::NotFound) => Err(AccountError::InvalidCode),
            Err(other) => Err(other.into()),
        }
    }

    /// Lists accounts (administrators only), in the alphabetical order of the filter's language.
    ///
    /// # Errors
    /// `Forbidden` unless the actor may manage accounts.
    pub async fn list_accounts(
        &self,
        actor: &Actor,
        filter: &AccountFilter,
        page: &PageRequest,
    ) -> Result<Page<Account>, AccountError> {
        authorize(actor, Action::ManageAccounts, &Target::platform())?;
        Ok(self.store.list_accounts(filter, page).await?)
    }

    /// One account: its owner may read it, and administrators (the read is audited).
    ///
    /// # Errors
    /// `Forbidden` for anyone else; `NotFound`.
    pub async fn get_account(
        &self,
        actor: &Actor,
        id: AccountId,
        request_id: Option<RequestId>,
    ) -> Result<Account, AccountError> {
        if actor.account_id == id {
            return Ok(self.store.get_account(id).await?);
        }
        authorize(actor, Action::ManageAccounts, &Target::platform())?;
        let account = self.store.get_account(id).await?;
        self.audit_account(
            AuditAction::AccountRead,
            Some(actor.account_id),
            id,
            Purpose::AccountAdministration,
            request_id,
        )
        .await?;
        Ok(account)
    }

    /// Disables or re-enables an account. Disabling ends all its sessions at once.
    ///
    /// # Errors
    /// `Forbidden` unless the actor may manage accounts; `Conflict("accounts_self_disable")`
    /// when administrators try to disable themselves; `NotFound`.
    pub async fn set_status(
        &self,
        actor: &Actor,
        id: AccountId,
        status: AccountStatus,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        authorize(actor, Action::ManageAccounts, &Target::platform())?;
        if id == actor.account_id && status == AccountStatus::Disabled {
            return Err(AccountError::Conflict("accounts_self_disable"));
        }
        let action = match status {
            AccountStatus::Active => AuditAction::AccountEnabled,
            AccountStatus::Disabled => AuditAction::AccountDisabled,
        };
        let audit = NewAuditEvent::about_account(
            self.clock.now(),
            Some(actor.account_id),
            action,
            id,
            Purpose::AccountAdministration,
        )
        .in_request(request_id);
        Ok(self.store.update_account_status(id, status, &audit).await?)
    }

    /// Grants a role with its scope.
    ///
    /// # Errors
    /// `Forbidden`; `Conflict("account_roles_key")` if held; `NotFound`.
    pub async fn grant_role(
        &self,
        actor: &Actor,
        id: AccountId,
        role: &Role,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        authorize(actor, Action::ManageAccounts, &Target::platform())?;
        self.store.get_account(id).await?;
        let audit = NewAuditEvent::about_account(
            self.clock.now(),
            Some(actor.account_id),
            AuditAction::RoleGranted,
            id,
            Purpose::AccountAdministration,
        )
        .in_request(request_id);
        Ok(self.store.insert_role(id, role, &audit).await?)
    }

    /// Revokes a role. Administrators cannot revoke their own administrator role, so that the
    /// platform always keeps one.
    ///
    /// # Errors
    /// `Forbidden`; `Conflict("account_roles_self_admin")`; `NotFound` if not held.
    pub async fn revoke_role(
        &self,
        actor: &Actor,
        id: AccountId,
        role: &Role,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        authorize(actor, Action::ManageAccounts, &Target::platform())?;
        if id == actor.account_id && *role == Role::Admin {
            return Err(AccountError::Conflict("account_roles_self_admin"));
        }
        let audit = NewAuditEvent::about_account(
            self.clock.now(),
            Some(actor.account_id),
            AuditAction::RoleRevoked,
            id,
            Purpose::AccountAdministration,
        )
        .in_request(request_id);
        Ok(self.store.delete_role(id, role, &audit).await?)
    }

    /// Clears an account's second factor so that it enrols a new one at next login (a lost
    /// phone); ends its sessions.
    ///
    /// # Errors
    /// `Forbidden`; `NotFound`.
    pub async fn reset_second_factor(
        &self,
        actor: &Actor,
        id: AccountId,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        authorize(actor, Action::ManageAccounts, &Target::platform())?;
        self.store.get_account(id).await?;
        let audit = NewAuditEvent::about_account(
            self.clock.now(),
            Some(actor.account_id),
            AuditAction::SecondFactorReset,
            id,
            Purpose::AccountAdministration,
        )
        .in_request(request_id);
        Ok(self
            .store
            .update_totp(id, None, false, Some(&audit))
            .await?)
    }

    /// Changes the caller's own password after checking the current one; ends every other
    /// session of the account.
    ///
    /// # Errors
    /// `InvalidCredentials` for a wrong current password; `Invalid` for a new one that breaks
    /// the policy or does not match its confirmation.
    pub async fn change_password(
        &self,
        who: &Authenticated,
        current: &str,
        new: &str,
        confirm: &str,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        let mut errors = ValidationErrors::new();
        let new_password = errors.collect(Password::new_checked(new));
        if new != confirm {
            errors.push(crate::shared::ValidationError::Mismatch { field: "confirm" });
        }
        let credentials = self.store.get_credentials(who.account.id).await?;
        if !Password::typed(current).verify(&credentials.password_hash) {
            return Err(AccountError::InvalidCredentials);
        }
        errors.into_result()?;
        let Some(new_password) = new_password else {
            return Err(AccountError::Hashing);
        };
        let hash = new_password.hash().map_err(|_| AccountError::Hashing)?;
        let id = who.account.id;
        let audit = NewAuditEvent::about_account(
            self.clock.now(),
            Some(id),
            AuditAction::PasswordChanged,
            id,
            Purpose::SelfService,
        )
        .in_request(request_id);
        Ok(self
            .store
            .update_password(id, &hash, Some(&who.session.token_hash), &audit)
            .await?)
    }

    async fn audit_account(
        &self,
        action: AuditAction,
        by: Option<AccountId>,
        subject: AccountId,
        purpose: Purpose,
        request_id: Option<RequestId>,
    ) -> Result<(), AccountError> {
        let event = NewAuditEvent::about_account(self.clock.now(), by, action, subject, purpose)
            .in_request(request_id);
        Ok(self.store.insert_audit_event(&event).await?)
    }
}
