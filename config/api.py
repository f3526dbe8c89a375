"""The REST API under /api/v1/: one NinjaAPI joining each app's router."""

from congdoan.accounts.api import auth_router, me_router
from congdoan.accounts.api_auth import BearerAuth
from congdoan.awards.api import router as awards_router
from congdoan.core.api import API, install_error_handlers
from congdoan.core.guards import public
from congdoan.documents.api import router as documents_router
from congdoan.emulation.api import router as emulation_router
from congdoan.funds.api import router as funds_router
from congdoan.initiatives.api import router as initiatives_router
from congdoan.meetings.api import router as meetings_router
from congdoan.members.api import router as members_router
from congdoan.organizations.api import router as units_router
from congdoan.plans.api import router as plans_router
from congdoan.portal.api import router as portal_router
from congdoan.reports.api import router as reports_router
from congdoan.welfare.api import router as welfare_router

api = API(
    title="congdoan API",
    version="1",
    description="API của hệ thống công tác công đoàn. Xác thực bằng `Authorization: Bearer <token>` "
    "lấy từ `POST /api/v1/auth/token`.",
    auth=BearerAuth(),
    urls_namespace="api",
    # The schema and its docs page describe the API, no data: public. The page's Swagger assets
    # come from ninja's own static files (ninja is in INSTALLED_APPS), never from a CDN.
    docs_decorator=public,
)
install_error_handlers(api)
api.add_router("/auth", auth_router)
api.add_router("/", me_router)
# Mounted at the root with full "/units..." paths so the collection is /units, not /units/.
api.add_router("/", units_router)
api.add_router("/", members_router)
api.add_router("/", documents_router)
api.add_router("/", meetings_router)
api.add_router("/", emulation_router)
api.add_router("/", plans_router)
api.add_router("/", initiatives_router)
api.add_router("/", welfare_router)
api.add_router("/", funds_router)
api.add_router("/", awards_router)
api.add_router("/", reports_router)
api.add_router("/", portal_router)
