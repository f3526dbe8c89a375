"""/api/v1/emulation/…pledges: a union's pledge with the head of its agency, and a block's pledge
with each party's signatory. Ids are resolved through selectors (out of reach: 404); the services
ask the policy (403) and name the field of bad input (422)."""

from ninja import Status

from congdoan.core.api import ERRORS
from congdoan.organizations.permissions import api_guard, policy
from congdoan.organizations.selectors import unit_get

from . import pledging, selectors, services
from .permissions import MANAGE, VIEW
from .schemas import AgencyPledgeIn, BlockPledgeIn, PledgeDetailOut


def pledge_out(actor, pledge_id: int) -> dict:
    pledge = selectors.pledge_get(actor=actor, pledge_id=pledge_id)
    return {
        **{
            f: getattr(pledge, f)
            for f in ("id", "year", "title", "signed_on", "place", "unit_id", "block_id")
        },
        "targets": pledge.targets,
        "parties": list(pledge.parties.all()),
    }


def register(router, BlockId) -> None:
    @router.post(
        "/emulation/pledges",
        response={201: PledgeDetailOut, **ERRORS},
        summary="Ký giao ước thi đua với thủ trưởng cơ quan",
    )
    @api_guard(MANAGE)
    def pledge_agency_create(request, payload: AgencyPledgeIn):
        """A union (``unit_id``) and the head of its agency sign the year's pledge (seed 004)."""
        unit = unit_get(actor=request.auth, unit_id=payload.unit_id, perm=VIEW)
        pledge = pledging.pledge_sign_agency(
            actor=request.auth, unit=unit, **payload.dict(exclude={"unit_id"})
        )
        return Status(201, pledge_out(request.auth, pledge.pk))

    @router.post(
        "/emulation/blocks/{block_id}/pledges",
        response={201: PledgeDetailOut, **ERRORS},
        summary="Ký giao ước thi đua của khối",
    )
    @api_guard(MANAGE)
    def block_pledge(request, block_id: BlockId, payload: BlockPledgeIn):
        """The block's members sign the year's pledge; each party's signatory and position are given
        together or not at all (422 on ``signatory_<id>``/``position_<id>`` naming the party)."""
        block = selectors.block_get(actor=request.auth, block_id=block_id)
        policy.require(request.auth, MANAGE, block.unit_id)
        parties = [unit_get(actor=request.auth, unit_id=p.unit_id, perm=VIEW) for p in payload.parties]
        pledge = services.pledge_sign(
            actor=request.auth,
            block=block,
            parties=parties,
            signatories={p.unit_id: (p.signatory, p.position) for p in payload.parties},
            **payload.dict(exclude={"parties"}),
        )
        return Status(201, pledge_out(request.auth, pledge.pk))
