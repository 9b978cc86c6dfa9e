//! The performance counters: per organisation, permit type and month (`YYYY-MM`, Astana time).

pub mod month {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "performance_months")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub type_code: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub month: String,
        pub received: i64,
        pub issued: i64,
        pub refused: i64,
        pub on_time: i64,
        pub with_corrections: i64,
        /// Approvals of this organisation deemed given (it did not answer in time).
        pub deemed: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod days {
    use sea_orm::entity::prelude::*;

    /// How many decisions took `working_days` working days from submission.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "performance_days")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub organisation_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub type_code: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub month: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub working_days: i32,
        pub decided: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
