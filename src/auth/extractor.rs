//! Authentication happens in [`RequireAccess`], a resource-level middleware that runs before any
//! body is read: a caller without the right role gets 401/403 whatever they sent. Handlers then
//! take [`AuthUser`] to know who is calling. Access is denied by default: a method the resource
//! does not list is answered 405 before any handler runs, and a handler runs without a token only
//! where its resource says [`Access::Public`] (or [`Access::Optional`]) for that method.

use std::future::{ready, Future, Ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::EitherBody;
use actix_web::dev::{forward_ready, Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::{header, Method};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use uuid::Uuid;

use crate::auth::Role;
use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::user;
use crate::domain::access::{Membership, Principal};
use crate::error::{AppError, ErrorCode};
use crate::services::Caller;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: Uuid,
    pub role: Role,
    pub email: String,
    pub full_name: String,
    pub locale: String,
    pub email_verified: bool,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub request_id: Option<String>,
    /// The caller as the access rules in `domain::access` see them.
    pub principal: Principal,
}

impl AuthUser {
    /// The caller of a service function.
    pub fn caller(&self) -> Caller {
        Caller {
            principal: self.principal,
            request_id: self.request_id.clone(),
        }
    }

    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.id),
            role: Some(self.role.as_str().to_owned()),
            request_id: self.request_id.clone(),
        }
    }

    pub fn is(&self, roles: &[Role]) -> bool {
        roles.contains(&self.role)
    }

    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if self.is(roles) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<AuthUser>()
                .cloned()
                .ok_or_else(|| AppError::new(ErrorCode::Unauthenticated)),
        )
    }
}

/// Who may call a method of a resource.
#[derive(Debug, Clone, Copy)]
pub enum Access {
    Public,
    /// Public, but a valid bearer token identifies the caller (e.g. owners see their drafts).
    Optional,
    Roles(&'static [Role]),
}

pub const ANY_ROLE: &[Role] = &Role::ALL;

async fn authenticate(state: &AppState, req: &ServiceRequest) -> Result<AuthUser, AppError> {
    let header_value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| AppError::new(ErrorCode::Unauthenticated))?;
    let token = header_value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    let claims = state.jwt.verify(token)?;
    let (account, membership) = db::run(&state.pool, move |conn| {
        let account = user::find(conn, claims.sub).map_err(|e| match e {
            diesel::result::Error::NotFound => AppError::new(ErrorCode::InvalidToken),
            other => other.into(),
        })?;
        let membership = user::membership(conn, account.id)?.filter(|m| m.approved_at.is_some());
        Ok((account, membership))
    })
    .await?;
    let request_id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    auth_user(account, membership, request_id)
}

/// The caller behind an account and its approved membership (a bearer token's or a browser
/// session's): refused when the account is disabled.
pub fn auth_user(
    account: user::User,
    membership: Option<user::Membership>,
    request_id: Option<String>,
) -> Result<AuthUser, AppError> {
    if account.disabled_at.is_some() {
        return Err(AppError::new(ErrorCode::AccountDisabled));
    }
    let role = Role::parse(&account.role).ok_or_else(|| AppError::new(ErrorCode::Forbidden))?;
    let employer_id = membership.as_ref().and_then(|m| m.employer_id);
    let agency_id = membership.as_ref().and_then(|m| m.agency_id);
    let centre_id = membership.as_ref().and_then(|m| m.centre_id);
    // Only the organisation matching the account's role counts; anything else is no membership.
    let organisation = match role {
        Role::Employer => employer_id.map(|id| Membership::Employer(id.into())),
        Role::Agency => agency_id.map(|id| Membership::Agency(id.into())),
        Role::Centre => centre_id.map(|id| Membership::Centre(id.into())),
        Role::Migrant | Role::Ministry | Role::Admin => None,
    }
    .unwrap_or(Membership::None);
    Ok(AuthUser {
        principal: Principal {
            user: account.id.into(),
            role,
            membership: organisation,
        },
        id: account.id,
        role,
        email: account.email,
        full_name: account.full_name,
        locale: account.locale,
        email_verified: account.email_verified_at.is_some(),
        employer_id,
        agency_id,
        centre_id,
        request_id,
    })
}

/// Wraps one resource: `RequireAccess::new().on(Method::POST, Access::Roles(&[Role::Employer]))`.
#[derive(Clone, Default)]
pub struct RequireAccess {
    rules: Rc<Vec<(Method, Access)>>,
}

impl RequireAccess {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn on(mut self, method: Method, access: Access) -> Self {
        Rc::make_mut(&mut self.rules).push((method, access));
        self
    }

    /// The rule for `method`; `None` (refused) when the resource does not list it.
    fn access_for(&self, method: &Method) -> Option<Access> {
        self.rules
            .iter()
            .find(|(m, _)| m == method)
            .map(|(_, a)| *a)
    }
}

impl<S, B> Transform<S, ServiceRequest> for RequireAccess
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = RequireAccessMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RequireAccessMiddleware {
            service: Rc::new(service),
            rules: self.clone(),
        }))
    }
}

pub struct RequireAccessMiddleware<S> {
    service: Rc<S>,
    rules: RequireAccess,
}

impl<S, B> Service<ServiceRequest> for RequireAccessMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let service = Rc::clone(&self.service);
        let access = self.rules.access_for(req.method());
        Box::pin(async move {
            let outcome = match access {
                None => Err(AppError::new(ErrorCode::MethodNotAllowed)),
                Some(Access::Public) => Ok(None),
                Some(Access::Optional) if !req.headers().contains_key(header::AUTHORIZATION) => {
                    Ok(None)
                }
                Some(Access::Optional) => match req.app_data::<web::Data<AppState>>() {
                    Some(state) => authenticate(state, &req).await.map(Some),
                    None => Err(AppError::internal(anyhow::anyhow!("AppState missing"))),
                },
                Some(Access::Roles(roles)) => match req.app_data::<web::Data<AppState>>() {
                    Some(state) => match authenticate(state, &req).await {
                        Ok(user) if user.is(roles) => Ok(Some(user)),
                        Ok(_) => Err(AppError::forbidden()),
                        Err(e) => Err(e),
                    },
                    None => Err(AppError::internal(anyhow::anyhow!("AppState missing"))),
                },
            };
            match outcome {
                Ok(user) => {
                    if let Some(user) = user {
                        req.extensions_mut().insert(user);
                    }
                    service
                        .call(req)
                        .await
                        .map(ServiceResponse::map_into_left_body)
                }
                Err(e) => Ok(req.error_response(e).map_into_right_body()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    use actix_web::{test, web, App, HttpResponse};

    use super::*;

    #[actix_web::test]
    async fn an_unlisted_method_is_refused_before_its_handler_runs() {
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let app = test::init_service(
            App::new().service(
                web::resource("/thing")
                    .route(web::get().to(|| async { HttpResponse::Ok().finish() }))
                    // A route someone added without a rule for its method.
                    .route(web::delete().to(move || {
                        flag.store(true, Ordering::SeqCst);
                        async { HttpResponse::NoContent().finish() }
                    }))
                    .wrap(RequireAccess::new().on(Method::GET, Access::Public)),
            ),
        )
        .await;
        let res =
            test::call_service(&app, test::TestRequest::get().uri("/thing").to_request()).await;
        assert_eq!(res.status(), 200);
        let res =
            test::call_service(&app, test::TestRequest::delete().uri("/thing").to_request()).await;
        assert_eq!(res.status(), 405);
        assert!(
            !ran.load(Ordering::SeqCst),
            "the unguarded handler never ran"
        );
        let res =
            test::call_service(&app, test::TestRequest::put().uri("/thing").to_request()).await;
        assert_eq!(res.status(), 405, "an unknown method stays 405");
    }
}
