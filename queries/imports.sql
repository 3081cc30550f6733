-- Every import, newest first, and whether it can be undone now (only the
-- newest import that is not undone can).
with

history as (
    select * from imports
),

final as (
    select
        import_id,
        imported_at,
        file_name,
        rows_read,
        rows_imported,
        rows_updated,
        rows_rejected,
        undone_at,
        undone_at is null and import_id = max(import_id) filter (where undone_at is null) over () as can_undo
    from history
    order by import_id desc
)

select * from final
