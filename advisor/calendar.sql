-- Every day 2000-2040 numbered by working day (Monday-Friday except Danish
-- public holidays, which are bound as $holidays).
create table calendar as
with

days as (
    select unnest(generate_series(date '2000-01-01', date '2040-12-31', interval 1 day))::date as day
),

holidays as (
    select unnest($holidays::date[]) as day
),

final as (
    select
        days.day,
        sum(if(isodow(days.day) <= 5 and holidays.day is null, 1, 0)) over (order by days.day) as workday_no
    from days
    left join holidays using (day)
)

select * from final
